package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ActionNoticeFile is the audit action for a policy notice file that
// Reunite started using: the shipped file at a new version, or an office's
// file added or changed (`reunite policy add`).
const ActionNoticeFile = "policy.file"

// NoticeFile describes a notice file for the audit log: no case data,
// only where it came from, its version, its hash and how many notices.
type NoticeFile struct {
	Origin  string
	Version int
	SHA256  string
	Notices int
}

func (f NoticeFile) detail() string {
	return fmt.Sprintf("file=%s version=%d sha256=%s notices=%d", f.Origin, f.Version, f.SHA256, f.Notices)
}

// RecordNoticeFile writes an audit entry for f unless the latest entry for
// the same file already records this content, and reports whether it
// wrote one. Servers call it for every notice file at start, so a change
// of the shipped file (a new Reunite) is logged once; `reunite policy add`
// calls it as an administrator or the operator. A zero Actor stands for
// the operator (the server itself at start).
func (s *Store) RecordNoticeFile(ctx context.Context, a Actor, f NoticeFile) (recorded bool, err error) {
	defer wrap(&err, "store.RecordNoticeFile(%s)", f.Origin)
	if a == (Actor{}) {
		a = operator
	} else if err := a.check(a.role == RoleAdmin); err != nil {
		return false, err
	}
	if strings.ContainsAny(f.Origin, " \n") {
		return false, fmt.Errorf("a notice file name with spaces cannot be logged unambiguously: %q", f.Origin)
	}
	err = s.tx(ctx, func(t *txn) error {
		var last string
		err := t.queryRow(ctx, `/* store.RecordNoticeFile */
			SELECT detail FROM audit_log WHERE action = ? AND detail LIKE ? ESCAPE '\' ORDER BY seq DESC LIMIT 1`,
			ActionNoticeFile, "file="+likeEscape(f.Origin)+" %").Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if last == f.detail() {
			return nil
		}
		recorded = true
		return t.audit(ctx, a, ActionNoticeFile, "", f.detail())
	})
	return recorded, err
}

// NoticeFileLog returns the audit entries about notice files, oldest
// first, for an administrator.
func (s *Store) NoticeFileLog(ctx context.Context, a Actor) (out []AuditEntry, err error) {
	defer wrap(&err, "store.NoticeFileLog")
	if err := a.check(a.role == RoleAdmin); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.NoticeFileLog */
		SELECT seq, at, actor_id, org_id, action, family_id, detail FROM audit_log WHERE action = ? ORDER BY seq`), ActionNoticeFile)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.OrgID, &e.Action, &e.FamilyID, &e.Detail); err != nil {
			return nil, err
		}
		e.At = fromMicros(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// likeEscape makes s match itself literally in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
