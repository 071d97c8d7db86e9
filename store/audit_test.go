package store

import (
	"context"
	"strings"
	"testing"
)

// auditedStore is a store with some history: an office, a read, an update.
func auditedStore(t *testing.T, e Engine) (*Store, *office) {
	ctx := context.Background()
	s := newStore(t, e)
	o := newOffice(t, s, "aud")
	if _, err := s.Family(ctx, o.client, o.family.ID); err != nil {
		t.Fatal(err)
	}
	f := *o.family.Family
	f.Principal.Phone = "+1 510 555 0100"
	if _, err := s.UpdateFamily(ctx, o.rep, o.family.ID, 1, &f); err != nil {
		t.Fatal(err)
	}
	return s, o
}

func TestAuditRecordsReadsAndChanges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s, o := auditedStore(t, e)
		log, err := s.AuditLog(ctx, o.admin, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, en := range log {
			got = append(got, en.Action+" by "+en.ActorID)
		}
		want := []string{
			ActionFamilyCreate + " by " + o.admin.UserID(),
			ActionUserCreate + " by " + o.admin.UserID(), // the client, bound to this family
			ActionFamilyRead + " by " + o.client.UserID(),
			ActionFamilyUpdate + " by " + o.rep.UserID(),
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("audit log of the family:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		r, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() || r.Entries < 8 {
			t.Errorf("untouched log: %d entries, problems %v", r.Entries, r.Problems)
		}
	})
}

// TestAuditVerifyFindsTampering alters the log behind the store's back, in
// each way an attacker with database access could, and checks that
// VerifyAudit names the entry.
func TestAuditVerifyFindsTampering(t *testing.T) {
	cases := []struct {
		name    string
		tamper  []string
		seq     int64
		kind    string
		message string
	}{
		{"edited detail", []string{`UPDATE audit_log SET detail = 'version 9' WHERE seq = 3`}, 3, "edited", "entry 3 was edited"},
		{"edited actor", []string{`UPDATE audit_log SET actor_id = 'someone' WHERE seq = 5`}, 5, "edited", "entry 5 was edited"},
		{"deleted", []string{`DELETE FROM audit_log WHERE seq = 4`}, 4, "deleted", "entry 4 was deleted"},
		{"deleted and renumbered", []string{
			`DELETE FROM audit_log WHERE seq = 4`,
			`UPDATE audit_log SET seq = seq - 1 WHERE seq > 4`,
			`UPDATE audit_head SET seq = seq - 1`,
		}, 4, "deleted", "before entry 4 was deleted"},
		{"reordered", []string{
			`UPDATE audit_log SET seq = 1000 WHERE seq = 5`,
			`UPDATE audit_log SET seq = 5 WHERE seq = 6`,
			`UPDATE audit_log SET seq = 6 WHERE seq = 1000`,
		}, 5, "reordered", "entry 5 is out of order"},
		{"newest deleted", []string{`DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)`}, -1, "deleted", "(the newest) were deleted"},
	}
	forEachEngine(t, func(t *testing.T, e Engine) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				ctx := context.Background()
				s, _ := auditedStore(t, e)
				var last int64
				s.db.QueryRow(`SELECT MAX(seq) FROM audit_log`).Scan(&last)
				dropAuditGuards(t, s)
				for _, q := range tc.tamper {
					if _, err := s.db.Exec(q); err != nil {
						t.Fatal(err)
					}
				}
				r, err := s.VerifyAudit(ctx)
				if err != nil {
					t.Fatal(err)
				}
				want := tc.seq
				if want < 0 {
					want = last
				}
				if r.OK() {
					t.Fatal("tampering not detected")
				}
				p := r.Problems[0]
				if p.Seq != want || p.Kind != tc.kind || !strings.Contains(p.Text, tc.message) {
					t.Errorf("first problem %+v, want entry %d %s (%q); all: %v", p, want, tc.kind, tc.message, r.Problems)
				}
			})
		}
	})
}

// dropAuditGuards removes the triggers that keep the audit log append-only,
// as the owner of the database could, so that the tests can tamper.
func dropAuditGuards(t *testing.T, s *Store) {
	t.Helper()
	qs := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
	if s.engine == Postgres {
		qs = []string{"DROP TRIGGER audit_log_no_update ON audit_log", "DROP TRIGGER audit_log_no_delete ON audit_log"}
	}
	for _, q := range qs {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditLogRefusesChanges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		s, _ := auditedStore(t, e)
		for _, q := range []string{`UPDATE audit_log SET detail = 'x' WHERE seq = 2`, `DELETE FROM audit_log WHERE seq = 2`} {
			if _, err := s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want a refusal", q, err)
			}
		}
		if e == Postgres {
			if _, err := s.db.Exec(`TRUNCATE audit_log`); err == nil {
				t.Error("TRUNCATE audit_log was allowed")
			}
		}
		if r, err := s.VerifyAudit(context.Background()); err != nil || !r.OK() {
			t.Errorf("after refused changes: %v, %v", r.Problems, err)
		}
	})
}

// TestListsAreAudited checks that every list of families, or of what they
// hold, leaves an entry in the audit log, as reading one family does.
func TestListsAreAudited(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "aud")
	if _, err := s.AddTask(ctx, o.worker, o.family.ID, "Ask for the marriage certificate", date("2026-03-10")); err != nil {
		t.Fatal(err)
	}
	lists := []struct {
		name string
		list func() error
	}{
		{"Families", func() error { _, err := s.Families(ctx, o.rep, 0, 0); return err }},
		{"Deadlines", func() error { _, err := s.Deadlines(ctx, o.rep, date("2020-01-01"), date("2030-01-01")); return err }},
		{"SearchFamilies", func() error { _, err := s.SearchFamilies(ctx, o.rep, "Tesfaye"); return err }},
		{"OfficeFamilies", func() error { _, err := s.OfficeFamilies(ctx, o.rep); return err }},
		{"OfficeSearch", func() error { _, err := s.OfficeSearch(ctx, o.rep, "Tesfaye"); return err }},
		{"FamilyLabels", func() error { _, err := s.FamilyLabels(ctx, o.rep, nil); return err }},
		{"OpenTasks", func() error { _, err := s.OpenTasks(ctx, o.rep, date("2026-01-01"), date("2026-12-31")); return err }},
	}
	entries := func() int64 {
		r, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return r.Entries
	}
	for _, l := range lists {
		before := entries()
		if err := l.list(); err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		if after := entries(); after != before+1 {
			t.Errorf("%s wrote %d audit entries, want 1", l.name, after-before)
		}
	}
}
