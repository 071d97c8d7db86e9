package store

import (
	"context"
	"testing"
	"time"
)

// TestGatherReadsLogsOneEntryPerFamily: under GatherReads a page's reads of
// a family leave nothing in the log until LogGathered, then one entry per
// family and office naming every read in order; a read after it logs at
// once, and a second LogGathered logs nothing. A partner's reads through a
// share leave one such entry in each office. With DurableReads too.
func TestGatherReadsLogsOneEntryPerFamily(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		for _, durable := range []bool{false, true} {
			s := openWith(t, Options{DSN: newDSN(t, e), Keys: Keys{Current: testKey(t)}, DurableReads: durable})
			us, abroad := newOffice(t, s, "us"), newOffice(t, s, "abroad")
			fam := us.family.ID
			sh, err := s.ShareFamily(context.Background(), us.rep, NewShare{FamilyID: fam, PartnerOrgID: abroad.admin.OrgID(),
				Access: AccessRead, ExpiresAt: time.Now().Add(48 * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			entries := func(office Actor) []string {
				t.Helper()
				log, err := s.AuditLog(context.Background(), office, fam)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, en := range log {
					if en.Action == ActionFamilyRead {
						out = append(out, en.Detail)
					}
				}
				return out
			}
			page := func(a Actor) context.Context {
				t.Helper()
				ctx := GatherReads(DeferReadAudit(context.Background()))
				if _, err := s.Family(ctx, a, fam); err != nil {
					t.Fatal(err)
				}
				if _, err := s.Documents(ctx, a, fam); err != nil {
					t.Fatal(err)
				}
				if _, err := s.RelativeLogs(ctx, a, fam); err != nil {
					t.Fatal(err)
				}
				return ctx
			}

			before := len(entries(us.admin))
			ctx := page(us.worker)
			if got := entries(us.admin); len(got) != before {
				t.Fatalf("durable %v: %d entries before LogGathered, want none: %q", durable, len(got)-before, got[before:])
			}
			if err := s.LogGathered(ctx); err != nil {
				t.Fatal(err)
			}
			if err := AwaitReadAudit(ctx); err != nil {
				t.Fatal(err)
			}
			got := entries(us.admin)[before:]
			if want := "latest; documents; relative logs"; len(got) != 1 || got[0] != want {
				t.Errorf("durable %v: entries %q, want one: %q", durable, got, want)
			}
			// Later reads log at once; a second LogGathered logs nothing.
			if _, err := s.Documents(ctx, us.worker, fam); err != nil {
				t.Fatal(err)
			}
			if err := s.LogGathered(ctx); err != nil {
				t.Fatal(err)
			}
			if got := entries(us.admin)[before+1:]; len(got) != 1 || got[0] != "documents" {
				t.Errorf("durable %v: after LogGathered, entries %q, want one: documents", durable, got)
			}

			// A partner office: one entry in each office.
			inUs, inAbroad := len(entries(us.admin)), len(entries(abroad.admin))
			ctx = page(abroad.worker)
			if err := s.LogGathered(ctx); err != nil {
				t.Fatal(err)
			}
			want := "latest via share " + sh.ID + "; documents via share " + sh.ID + "; relative logs via share " + sh.ID
			for office, n := range map[Actor]int{us.admin: inUs, abroad.admin: inAbroad} {
				if got := entries(office)[n:]; len(got) != 1 || got[0] != want {
					t.Errorf("durable %v: %s's entries %q, want one: %q", durable, office.OrgID(), got, want)
				}
			}
			if r, err := s.VerifyAudit(context.Background()); err != nil || !r.OK() {
				t.Fatalf("durable %v: audit chain: %+v %v", durable, r, err)
			}
		}
	})
}
