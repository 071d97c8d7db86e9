package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Notes are the team's thread about a family (MemberID "") and about each
// relative, with @mentions of users; messages are what the client and the
// team write to each other. Both are sealed with the family's office's
// data key, whoever wrote them, and never reach the audit log (which keeps
// ids), a URL or a log line.

// Audit actions of notes and messages.
const (
	ActionNoteAdd    = "note.add"
	ActionMessageAdd = "message.add"
)

// NoteKind tells a team note from a message with the client.
type NoteKind string

const (
	KindNote    NoteKind = "note"
	KindMessage NoteKind = "message"
)

// MaxNoteChars bounds a note or a message, like a case file's texts.
const MaxNoteChars = 5000

// Note is a note or a message.
type Note struct {
	ID         string
	FamilyID   string
	MemberID   string // "" for the family as a whole
	Kind       NoteKind
	AuthorID   string
	AuthorName string
	AuthorOrg  string // the author's office: another one for a partner
	FromClient bool
	Body       string
	Mentions   []string // user ids
	CreatedAt  time.Time
}

// checkNoteBody returns the text to keep, or why it is refused.
func checkNoteBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch {
	case !utf8.ValidString(body):
		return "", fmt.Errorf("%w: text: not UTF-8", ErrInvalid)
	case body == "":
		return "", fmt.Errorf("%w: text: empty", ErrInvalid)
	case utf8.RuneCountInString(body) > MaxNoteChars:
		return "", fmt.Errorf("%w: text: longer than %d characters", ErrInvalid, MaxNoteChars)
	case strings.ContainsRune(body, 0):
		return "", fmt.Errorf("%w: text: holds a NUL character", ErrInvalid)
	}
	return body, nil
}

// Mentions returns the logins mentioned in a text (@login), each once, in
// order. A mention starts a word: the @ of an e-mail address is not one.
func Mentions(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '@' || (i > 0 && loginByte(text[i-1])) {
			continue
		}
		j := i + 1
		for j < len(text) && loginByte(text[j]) {
			j++
		}
		// A login does not end with a dot: "@maria." ends a sentence.
		login := strings.TrimRight(text[i+1:j], ".")
		if login != "" && !slices.Contains(out, login) {
			out = append(out, login)
		}
		i = j - 1
	}
	return out
}

func loginByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
}

// AddNote adds a note to a family's thread (memberID "") or a relative's.
// Staff of the family's office, and of a partner office with a write share
// that covers the relative (a read share: ErrForbidden). Each @login must
// be an active staff user of the family's office or of the author's.
func (s *Store) AddNote(ctx context.Context, a Actor, familyID, memberID, body string) (n *Note, err error) {
	defer wrap(&err, "store.AddNote(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if body, err = checkNoteBody(body); err != nil {
		return nil, err
	}
	n = &Note{ID: newID("n"), FamilyID: familyID, MemberID: memberID, Kind: KindNote, AuthorID: a.user, AuthorOrg: a.org, Body: body}
	err = s.tx(ctx, func(t *txn) error {
		r, err := t.reachFamily(ctx, a, familyID)
		if err != nil {
			return err
		}
		if !r.covers(memberID) {
			return ErrNotFound
		}
		if !r.writable(a) {
			return ErrForbidden
		}
		if err := t.auditReach(ctx, a, r, ActionNoteAdd, familyID, n.ID+" "+memberOrFamily(memberID)); err != nil {
			return err
		}
		if memberID != "" {
			rec, err := t.readFamilyIn(ctx, "f.org_id = ?", []any{r.owner}, familyID, 0)
			if err != nil {
				return err
			}
			if rec.Family.Member(memberID) == nil {
				return fmt.Errorf("%w: member: %q is not a relative of this family", ErrInvalid, memberID)
			}
		}
		for _, login := range Mentions(body) {
			var id string
			err := t.queryRow(ctx, `/* store.AddNote */
				SELECT id FROM users WHERE login = ? AND org_id IN (?, ?) AND role <> ? AND disabled_at IS NULL`,
				login, r.owner, a.org, string(RoleClient)).Scan(&id)
			if err != nil {
				if notFound(err) == ErrNotFound {
					return fmt.Errorf("%w: text: @%s is not a user of the office", ErrInvalid, login)
				}
				return err
			}
			n.Mentions = append(n.Mentions, id)
		}
		return t.insertNote(ctx, r.owner, n)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

func memberOrFamily(member string) string {
	if member == "" {
		return "family"
	}
	return "member " + member
}

func (t *txn) insertNote(ctx context.Context, owner string, n *Note) error {
	n.CreatedAt = t.now
	sealed, err := t.sealFor(ctx, owner, []byte(n.Body), aad("family_notes", "body", n.ID))
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `/* store.insertNote */
		INSERT INTO family_notes (id, org_id, family_id, seq, member_id, kind, author_id, author_org_id, body_enc, created_at)
		VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM family_notes WHERE family_id = ?), ?, ?, ?, ?, ?, ?)`,
		n.ID, owner, n.FamilyID, n.FamilyID, n.MemberID, string(n.Kind), n.AuthorID, n.AuthorOrg, sealed, micros(t.now)); err != nil {
		return err
	}
	for _, u := range n.Mentions {
		if _, err := t.exec(ctx, `/* store.insertNote */ INSERT INTO note_mentions (note_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			n.ID, u); err != nil {
			return err
		}
	}
	return nil
}

// Notes lists a family's notes, oldest first, that the actor may see: all
// of them for the family's staff, those of the covered relatives for a
// partner. Messages with the client are not notes (Messages).
func (s *Store) Notes(ctx context.Context, a Actor, familyID string) (out []Note, err error) {
	defer wrap(&err, "store.Notes(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	var r reach
	err = s.readTx(ctx, func(t *txn) error {
		if r, err = t.reachFamily(ctx, a, familyID); err != nil {
			return err
		}
		all, err := t.notes(ctx, r.owner, familyID, KindNote)
		for _, n := range all {
			if r.covers(n.MemberID) {
				out = append(out, n)
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, s.logReach(ctx, a, r, ActionFamilyRead, familyID, "notes")
}

// SendMessage writes to the team (a client, about their own family) or to
// the client (the family's staff: a reply). Partners do not take part.
func (s *Store) SendMessage(ctx context.Context, a Actor, familyID, body string) (n *Note, err error) {
	defer wrap(&err, "store.SendMessage(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	if body, err = checkNoteBody(body); err != nil {
		return nil, err
	}
	n = &Note{ID: newID("n"), FamilyID: familyID, Kind: KindMessage, AuthorID: a.user, AuthorOrg: a.org, Body: body,
		FromClient: a.role == RoleClient}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionMessageAdd, familyID, n.ID); err != nil {
			return err
		}
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		return t.insertNote(ctx, a.org, n)
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// Messages lists the messages between a family's client and its team,
// oldest first: for the client of the family and the family's staff.
func (s *Store) Messages(ctx context.Context, a Actor, familyID string) (out []Note, err error) {
	defer wrap(&err, "store.Messages(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		out, err = t.notes(ctx, a.org, familyID, KindMessage)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, s.logRead(ctx, a, ActionFamilyRead, familyID, "messages")
}

// notes reads and opens a family's notes of a kind, with their authors'
// names (a partner's name opens with the partner office's key).
func (t *txn) notes(ctx context.Context, owner, familyID string, kind NoteKind) ([]Note, error) {
	rows, err := t.query(ctx, `/* store.notes */
		SELECT n.id, n.member_id, n.author_id, n.author_org_id, n.body_enc, n.created_at, u.name_enc, u.role
		FROM family_notes n LEFT JOIN users u ON u.id = n.author_id
		WHERE n.family_id = ? AND n.org_id = ? AND n.kind = ? ORDER BY n.seq`, familyID, owner, string(kind))
	if err != nil {
		return nil, err
	}
	type row struct {
		n          Note
		body, name []byte
	}
	var rs []row
	for rows.Next() {
		r := row{n: Note{FamilyID: familyID, Kind: kind}}
		var created int64
		var role *string
		if err := rows.Scan(&r.n.ID, &r.n.MemberID, &r.n.AuthorID, &r.n.AuthorOrg, &r.body, &created, &r.name, &role); err != nil {
			rows.Close()
			return nil, err
		}
		r.n.CreatedAt, r.n.FromClient = fromMicros(created), role != nil && Role(*role) == RoleClient
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Note, 0, len(rs))
	for _, r := range rs {
		body, err := t.openFor(ctx, owner, r.body, aad("family_notes", "body", r.n.ID))
		if err != nil {
			return nil, err
		}
		r.n.Body = string(body)
		if r.name != nil {
			name, err := t.openFor(ctx, r.n.AuthorOrg, r.name, aad("users", "name", r.n.AuthorID))
			if err != nil {
				return nil, err
			}
			r.n.AuthorName = string(name)
		}
		if r.n.Mentions, err = t.mentionsOf(ctx, r.n.ID); err != nil {
			return nil, err
		}
		out = append(out, r.n)
	}
	return out, nil
}

func (t *txn) mentionsOf(ctx context.Context, noteID string) ([]string, error) {
	rows, err := t.query(ctx, `/* store.mentionsOf */ SELECT user_id FROM note_mentions WHERE note_id = ? ORDER BY user_id`, noteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Mention is a note that mentions a user.
type Mention struct {
	NoteID     string
	FamilyID   string
	MemberID   string
	AuthorName string
	At         time.Time
}

// Mentioned lists the latest notes that mention the actor (at most limit;
// 0 means 50), newest first, of the families the actor still reaches: its
// office's, or shared with it and covering the note's relative. The notes'
// text is not in the list. Staff only; audited as one list entry.
func (s *Store) Mentioned(ctx context.Context, a Actor, limit int) (out []Mention, err error) {
	defer wrap(&err, "store.Mentioned")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	err = s.readTx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.Mentioned */
			SELECT n.id, n.family_id, n.member_id, n.org_id, n.created_at, n.author_id, n.author_org_id, u.name_enc
			FROM note_mentions m JOIN family_notes n ON n.id = m.note_id LEFT JOIN users u ON u.id = n.author_id
			WHERE m.user_id = ? ORDER BY n.created_at DESC, n.seq DESC LIMIT `+fmt.Sprint(limit), a.user)
		if err != nil {
			return err
		}
		type row struct {
			m                   Mention
			owner, author, aorg string
			name                []byte
		}
		var rs []row
		for rows.Next() {
			var r row
			var at int64
			if err := rows.Scan(&r.m.NoteID, &r.m.FamilyID, &r.m.MemberID, &r.owner, &at, &r.author, &r.aorg, &r.name); err != nil {
				rows.Close()
				return err
			}
			r.m.At = fromMicros(at)
			rs = append(rs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		grants := map[string]*grant{}
		for _, r := range rs {
			if r.owner != a.org {
				g, seen := grants[r.m.FamilyID]
				if !seen {
					if g, err = t.partnerGrant(ctx, a, r.m.FamilyID); err != nil && err != ErrNotFound {
						return err
					}
					grants[r.m.FamilyID] = g
				}
				if g == nil || !g.covers(r.m.MemberID) {
					continue // the share ended, or does not reach this relative
				}
			}
			if r.name != nil {
				name, err := t.openFor(ctx, r.aorg, r.name, aad("users", "name", r.author))
				if err != nil {
					return err
				}
				r.m.AuthorName = string(name)
			}
			out = append(out, r.m)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.logRead(ctx, a, ActionFamilyList, "", "mentions "+fmt.Sprint(len(out)))
}
