package store

import (
	"context"
	"errors"
	"testing"
)

// TestRecordNoticeFile: a notice file is logged once per content, per
// file (a name with LIKE wildcards matches only itself), by an
// administrator or the server itself, and the chain stays intact.
func TestRecordNoticeFile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "pol")
		builtin := NoticeFile{Origin: "policy/notices.json", Version: 1, SHA256: "aa", Notices: 16}
		for i, want := range []bool{true, false} {
			got, err := s.RecordNoticeFile(ctx, Actor{}, builtin)
			if err != nil || got != want {
				t.Fatalf("start %d: recorded %v, %v; want %v", i, got, err, want)
			}
		}
		// A file whose name is a LIKE pattern of the first must not
		// hide a change of the first.
		office := NoticeFile{Origin: "policy_notices.json", Version: 1, SHA256: "bb", Notices: 1}
		if got, err := s.RecordNoticeFile(ctx, o.admin, office); err != nil || !got {
			t.Fatalf("office file: %v, %v", got, err)
		}
		builtin.Version, builtin.SHA256 = 2, "cc"
		if got, err := s.RecordNoticeFile(ctx, Actor{}, builtin); err != nil || !got {
			t.Fatalf("new shipped version: %v, %v", got, err)
		}
		if _, err := s.RecordNoticeFile(ctx, o.rep, office); !errors.Is(err, ErrForbidden) {
			t.Errorf("a representative added a notice file: %v", err)
		}
		log, err := s.NoticeFileLog(ctx, o.admin)
		if err != nil || len(log) != 3 {
			t.Fatalf("log: %v, %+v", err, log)
		}
		if log[0].ActorID != "operator" || log[1].ActorID != o.admin.UserID() || log[2].Detail != "file=policy/notices.json version=2 sha256=cc notices=16" {
			t.Errorf("log: %+v", log)
		}
		if r, err := s.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Errorf("audit chain: %v %+v", err, r)
		}
	})
}
