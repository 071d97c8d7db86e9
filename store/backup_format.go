package store

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// A backup is a logical dump, the same for both engines, so that a backup
// of a laptop's SQLite can be restored into an office's PostgreSQL. Its
// plaintext (before age encryption, backup.go) is JSON lines:
//
//	{"format":"reunite.backup/v1","schema":1,"engine":"sqlite","created":"..."}
//	{"table":"orgs","row":["o...","Office",1732...]}
//	...
//	{"end":true,"rows":1234}
//
// Rows come table by table in the order of backupTables, so a restore can
// insert them as they come. Text is a JSON string, an integer a JSON
// number, a blob base64; null is null. The end line proves the dump is
// whole.

const backupFormat = "reunite.backup/v1"

type colKind int

const (
	colText colKind = iota
	colInt
	colBlob
)

type tableSpec struct {
	name string
	cols []string
	kind []colKind
}

func table(name string, cols ...any) tableSpec {
	t := tableSpec{name: name}
	for i := 0; i < len(cols); i += 2 {
		t.cols = append(t.cols, cols[i].(string))
		t.kind = append(t.kind, cols[i+1].(colKind))
	}
	return t
}

// backupTables lists every table, parents before children. A test checks
// that it names every column of the schema.
var backupTables = []tableSpec{
	table("orgs", "id", colText, "name", colText, "created_at", colInt),
	table("org_keys", "org_id", colText, "version", colInt, "master_id", colText, "wrapped", colBlob, "created_at", colInt),
	table("families", "id", colText, "org_id", colText, "version", colInt, "label_enc", colBlob, "file_by", colText, "created_at", colInt, "updated_at", colInt),
	table("users", "id", colText, "org_id", colText, "login", colText, "login_enc", colBlob, "name_enc", colBlob, "role", colText, "family_id", colText, "created_at", colInt, "disabled_at", colInt),
	table("family_versions", "family_id", colText, "version", colInt, "case_enc", colBlob, "created_at", colInt, "created_by", colText),
	table("family_index", "org_id", colText, "family_id", colText, "hash", colBlob),
	table("assessments", "family_id", colText, "version", colInt, "as_of", colText, "file_by", colText, "body_enc", colBlob, "created_at", colInt),
	table("documents", "id", colText, "org_id", colText, "family_id", colText, "name_enc", colBlob, "content_type", colText, "size", colInt, "created_at", colInt, "created_by", colText,
		"kind", colText, "status", colText, "checked_by", colText, "checked_at", colInt, "pages", colInt, "meta_enc", colBlob),
	table("document_blobs", "document_id", colText, "content_enc", colBlob),
	table("events", "id", colText, "org_id", colText, "family_id", colText, "kind", colText, "at", colInt, "detail_enc", colBlob, "created_by", colText),
	table("tasks", "id", colText, "org_id", colText, "family_id", colText, "title_enc", colBlob, "due", colText, "done_at", colInt, "created_at", colInt, "created_by", colText),
	table("audit_log", "seq", colInt, "at", colInt, "actor_id", colText, "org_id", colText, "action", colText, "family_id", colText, "detail", colText, "prev_hash", colBlob, "hash", colBlob),
	table("audit_head", "id", colInt, "seq", colInt, "hash", colBlob),
	// The audit chain's key, wrapped (migration 00061); a backup made before
	// it has none, and the restore's own entry then makes one.
	table("audit_key", "id", colInt, "from_seq", colInt, "master_id", colText, "wrapped", colBlob, "created_at", colInt),
	// The web application's tables (migration 00050).
	table("web_passwords", "user_id", colText, "hash", colText, "updated_at", colInt),
	table("web_links", "token_hash", colBlob, "user_id", colText, "purpose", colText, "created_by", colText, "created_at", colInt, "expires_at", colInt, "used_at", colInt),
	table("web_api_tokens", "token_hash", colBlob, "id", colText, "user_id", colText, "name", colText, "created_at", colInt, "revoked_at", colInt, "expires_at", colInt),
	table("web_family_verdicts", "family_id", colText, "version", colInt, "eligible", colInt, "review", colInt, "ineligible", colInt),
	// Second factors (migration 00051): kept, so that a restore does not
	// silently turn off a user's second factor.
	table("web_totp", "user_id", colText, "secret_enc", colBlob, "last_step", colInt, "created_at", colInt),
	// Petitions after filing (migration 00120, petitions.go).
	table("petition_events", "id", colText, "org_id", colText, "family_id", colText, "member_id", colText, "seq", colInt,
		"kind", colText, "body_enc", colBlob, "created_at", colInt, "created_by", colText),
	table("petition_receipts", "org_id", colText, "hash", colBlob, "family_id", colText, "member_id", colText),
	table("petition_status", "family_id", colText, "member_id", colText, "org_id", colText, "stage", colText, "since", colText),
	table("petition_due", "org_id", colText, "family_id", colText, "member_id", colText, "kind", colText, "due", colText,
		"notice", colText, "check_notice", colInt, "source", colText),
	table("petition_law_version", "family_id", colText, "version", colInt),
	table("family_assignments", "family_id", colText, "org_id", colText, "caseworker_id", colText, "attorney_id", colText,
		"updated_at", colInt, "updated_by", colText),
	// Partner offices, notes, messages, tasks' details (migration 00155).
	table("family_shares", "id", colText, "org_id", colText, "family_id", colText, "partner_org_id", colText, "members", colText,
		"access", colText, "expires_at", colInt, "created_at", colInt, "created_by", colText, "revoked_at", colInt, "revoked_by", colText),
	table("family_notes", "id", colText, "org_id", colText, "family_id", colText, "seq", colInt, "member_id", colText, "kind", colText,
		"author_id", colText, "author_org_id", colText, "body_enc", colBlob, "created_at", colInt),
	table("note_mentions", "note_id", colText, "user_id", colText),
	table("task_details", "task_id", colText, "member_id", colText, "assignee_id", colText),
	// Relatives' timelines, incidents and risk levels (migration 00150, relatives.go).
	table("relative_log", "id", colText, "org_id", colText, "family_id", colText, "member_id", colText, "seq", colInt,
		"log", colText, "body_enc", colBlob, "created_at", colInt, "created_by", colText),
	table("relative_risk", "id", colText, "org_id", colText, "family_id", colText, "member_id", colText, "seq", colInt,
		"level", colText, "day", colText, "reason_enc", colBlob, "created_at", colInt, "created_by", colText),
	table("risk_notifications", "id", colText, "org_id", colText, "family_id", colText, "member_id", colText,
		"recipient_id", colText, "level", colText, "created_at", colInt, "created_by", colText, "seen_at", colInt),
	// Documents as evidence (migration 00130, documents.go, translations.go).
	table("document_thumbs", "document_id", colText, "content_enc", colBlob),
	table("translators", "id", colText, "org_id", colText, "body_enc", colBlob, "created_at", colInt, "created_by", colText),
	table("document_translations", "id", colText, "org_id", colText, "family_id", colText, "document_id", colText,
		"translator_id", colText, "content_type", colText, "size", colInt, "content_enc", colBlob, "created_at", colInt, "created_by", colText),
	// Reminders, calendar feeds, program managers (migration 00140). The
	// record of sent reminders is kept so that a restored server does not
	// send them again.
	table("remind_users", "user_id", colText, "org_id", colText, "email_enc", colBlob, "digest", colInt, "alerts", colInt, "updated_at", colInt),
	table("remind_clients", "family_id", colText, "org_id", colText, "email_enc", colBlob, "lang", colText, "opted_in_at", colInt, "updated_by", colText),
	table("remind_sent", "recipient", colText, "item", colText, "kind", colText, "day", colText, "org_id", colText, "state", colText,
		"claimed_at", colInt, "sent_at", colInt),
	table("calendar_feeds", "token_hash", colBlob, "id", colText, "user_id", colText, "with_names", colInt, "created_at", colInt, "revoked_at", colInt),
	table("program_managers", "user_id", colText, "org_id", colText, "granted_by", colText, "granted_at", colInt),
}

// notBackedUp are tables whose rows are worthless after a restore: signed-in
// sessions and sign-in lockouts (users sign in again), and the derived
// indexes of the needs-action list and the office view, which Restore
// builds again (due_index.go, office_index.go).
var notBackedUp = []string{"web_sessions", "web_signin_attempts", "due_items", "derived_built", "office_rows", "office_counts", "office_words", "office_word_counts"}

// notBackedUpColumns are columns of backed-up tables that are derived and
// may be missing: a restored row leaves them NULL, which their readers take
// for "work it out" (family_versions.intake_state: families.go).
var notBackedUpColumns = []string{"family_versions.intake_state"}

func tableByName(name string) *tableSpec {
	for i := range backupTables {
		if backupTables[i].name == name {
			return &backupTables[i]
		}
	}
	return nil
}

type backupHeader struct {
	Format  string `json:"format"`
	Schema  int64  `json:"schema"`
	Engine  Engine `json:"engine"`
	Created string `json:"created"`
}

type backupLine struct {
	Table string            `json:"table,omitempty"`
	Row   []json.RawMessage `json:"row,omitempty"`
	End   bool              `json:"end,omitempty"`
	Rows  int64             `json:"rows,omitempty"`
}

// backupWriter writes the plaintext of a backup.
type backupWriter struct {
	w    *bufio.Writer
	rows int64
}

func newBackupWriter(w io.Writer, h backupHeader) (*backupWriter, error) {
	bw := &backupWriter{w: bufio.NewWriter(w)}
	h.Format = backupFormat
	return bw, bw.line(h)
}

func (bw *backupWriter) line(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	bw.w.Write(b)
	return bw.w.WriteByte('\n')
}

// row writes one row; vals are as scanned: nil, int64, string or []byte.
func (bw *backupWriter) row(t *tableSpec, vals []any) error {
	l := backupLine{Table: t.name, Row: make([]json.RawMessage, len(vals))}
	for i, v := range vals {
		var enc any
		switch v := v.(type) {
		case nil:
		case []byte:
			if t.kind[i] == colBlob {
				enc = base64.StdEncoding.EncodeToString(v)
			} else {
				enc = string(v)
			}
		default:
			enc = v
		}
		b, err := json.Marshal(enc)
		if err != nil {
			return err
		}
		l.Row[i] = b
	}
	bw.rows++
	return bw.line(l)
}

func (bw *backupWriter) close() error {
	if err := bw.line(backupLine{End: true, Rows: bw.rows}); err != nil {
		return err
	}
	return bw.w.Flush()
}

// readBackup parses the plaintext of a backup, calling row for each row in
// order with values of the column kinds (nil, string, int64, []byte). It
// checks everything it can without a database: the header, the tables and
// their order, every value's type, and that the dump ends where it says.
func readBackup(r io.Reader, header func(backupHeader) error, row func(t *tableSpec, vals []any) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 2*MaxDocumentSize)
	line := 0
	next := func() (bool, error) {
		if sc.Scan() {
			line++
			return true, nil
		}
		return false, sc.Err()
	}
	ok, err := next()
	if err != nil || !ok {
		return fmt.Errorf("backup: empty or unreadable: %v", err)
	}
	var h backupHeader
	if err := json.Unmarshal(sc.Bytes(), &h); err != nil || h.Format != backupFormat {
		return errors.New("backup: not a Reunite backup (no reunite.backup/v1 header)")
	}
	if err := header(h); err != nil {
		return err
	}
	var rows int64
	tableAt := 0
	for {
		ok, err := next()
		if err != nil {
			return fmt.Errorf("backup line %d: %w", line+1, err)
		}
		if !ok {
			return fmt.Errorf("backup: cut short after line %d (no end line)", line)
		}
		var l backupLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return fmt.Errorf("backup line %d: %w", line, err)
		}
		if l.End {
			if l.Rows != rows {
				return fmt.Errorf("backup line %d: the end line counts %d rows, the backup holds %d", line, l.Rows, rows)
			}
			if ok, _ := next(); ok {
				return fmt.Errorf("backup line %d: data after the end line", line)
			}
			return nil
		}
		t := tableByName(l.Table)
		if t == nil {
			return fmt.Errorf("backup line %d: unknown table %q", line, l.Table)
		}
		for tableAt < len(backupTables) && backupTables[tableAt].name != t.name {
			tableAt++
		}
		if tableAt == len(backupTables) {
			return fmt.Errorf("backup line %d: table %s out of order", line, t.name)
		}
		if len(l.Row) != len(t.cols) {
			return fmt.Errorf("backup line %d: %s row has %d values, want %d", line, t.name, len(l.Row), len(t.cols))
		}
		vals := make([]any, len(t.cols))
		for i, raw := range l.Row {
			v, err := decodeValue(raw, t.kind[i])
			if err != nil {
				return fmt.Errorf("backup line %d: %s.%s: %w", line, t.name, t.cols[i], err)
			}
			vals[i] = v
		}
		rows++
		if err := row(t, vals); err != nil {
			return fmt.Errorf("backup line %d: %s: %w", line, t.name, err)
		}
	}
}

func decodeValue(raw json.RawMessage, kind colKind) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	switch kind {
	case colInt:
		var f float64
		var n int64
		if err := json.Unmarshal(raw, &n); err != nil {
			if json.Unmarshal(raw, &f) == nil && f == math.Trunc(f) {
				return nil, errors.New("integer out of range")
			}
			return nil, errors.New("not an integer")
		}
		return n, nil
	case colBlob:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, errors.New("not a base64 string")
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, errors.New("bad base64")
		}
		return b, nil
	default:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, errors.New("not a string")
		}
		return s, nil
	}
}
