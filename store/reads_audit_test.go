package store

import (
	"context"
	"testing"
	"time"

	"github.com/reunite/reunite/risk"
)

// TestReadsLogAfterReadOnlyTx: the reads that wrote their audit entry
// inside a write transaction (relatives' logs, notes, tasks, messages,
// shares, activity, a document and its translation, mentions, shared
// families, risk notifications) now read in a read-only transaction and
// log through the writer of reads. Each still leaves exactly its entry, as
// before; a partner's read through a share is logged in both offices.
func TestReadsLogAfterReadOnlyTx(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		us, abroad := newOffice(t, s, "us"), newOffice(t, s, "abroad")
		fam := us.family.ID
		if _, err := s.AddNote(ctx, us.worker, fam, "husband", "@us-representative Dawit called"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTaskFor(ctx, us.worker, NewTask{FamilyID: fam, MemberID: "husband", Title: "Ask for the certificate", Due: date("2026-03-05")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTimelineEntry(ctx, us.worker, fam, "husband", risk.Entry{Kind: risk.Contact, When: approxDay("2026-02-01")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRiskLevel(ctx, us.worker, fam, "husband", risk.Critical, "threatened"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SendMessage(ctx, us.client, fam, "When is the interview?"); err != nil {
			t.Fatal(err)
		}
		tg := &target{o: us}
		addTargetEvidence(t, s, tg)
		sh, err := s.ShareFamily(ctx, us.rep, NewShare{FamilyID: fam, PartnerOrgID: abroad.admin.OrgID(), Access: AccessRead,
			ExpiresAt: time.Now().Add(48 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}

		// count is how many entries of the family's log, as one office
		// sees it, match the read.
		count := func(office Actor, action, detail string) int {
			t.Helper()
			log, err := s.AuditLog(ctx, office, fam)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, en := range log {
				if en.Action == action && en.Detail == detail {
					n++
				}
			}
			return n
		}
		total := func() int64 {
			t.Helper()
			r, err := s.VerifyAudit(ctx)
			if err != nil || !r.OK() {
				t.Fatalf("audit chain: %+v %v", r, err)
			}
			return r.Entries
		}
		type read struct {
			name           string
			read           func() error
			action, detail string // the entry in the family's log; "" for a list of the office
			partner        bool   // read by the partner office: logged in both offices
		}
		reads := []read{
			{"RelativeLogs", func() error { _, err := s.RelativeLogs(ctx, us.worker, fam); return err }, ActionFamilyRead, "relative logs", false},
			{"Notes", func() error { _, err := s.Notes(ctx, us.worker, fam); return err }, ActionFamilyRead, "notes", false},
			{"Tasks", func() error { _, err := s.Tasks(ctx, us.client, fam); return err }, ActionFamilyRead, "tasks", false},
			{"Messages", func() error { _, err := s.Messages(ctx, us.client, fam); return err }, ActionFamilyRead, "messages", false},
			{"Shares", func() error { _, err := s.Shares(ctx, us.rep, fam); return err }, ActionFamilyRead, "shares", false},
			{"Activity", func() error { _, err := s.Activity(ctx, us.worker, fam, 0); return err }, ActionFamilyRead, "activity", false},
			{"Document", func() error { _, err := s.Document(ctx, us.worker, tg.evidence); return err }, ActionFamilyRead, "document " + tg.evidence, false},
			{"TranslationContent", func() error { _, _, err := s.TranslationContent(ctx, us.worker, tg.translation); return err },
				ActionDocumentRead, tg.evidence + " translation " + tg.translation, false},
			{"Mentioned", func() error { _, err := s.Mentioned(ctx, us.rep, 0); return err }, "", "", false},
			{"RiskNotifications", func() error { _, err := s.RiskNotifications(ctx, us.rep); return err }, "", "", false},
			{"SharedWithUs", func() error { _, err := s.SharedWithUs(ctx, abroad.worker); return err }, "", "", false},
		}
		for _, r := range []string{"RelativeLogs", "Notes", "Tasks"} {
			var fn func() error
			switch r {
			case "RelativeLogs":
				fn = func() error { _, err := s.RelativeLogs(ctx, abroad.worker, fam); return err }
			case "Notes":
				fn = func() error { _, err := s.Notes(ctx, abroad.worker, fam); return err }
			case "Tasks":
				fn = func() error { _, err := s.Tasks(ctx, abroad.worker, fam); return err }
			}
			detail := map[string]string{"RelativeLogs": "relative logs", "Notes": "notes", "Tasks": "tasks"}[r]
			reads = append(reads, read{r + " by a partner", fn, ActionFamilyRead, detail + " via share " + sh.ID, true})
		}
		for _, r := range reads {
			before := total()
			detail := r.detail
			inOwner, inPartner := count(us.admin, r.action, detail), count(abroad.admin, r.action, detail)
			if err := r.read(); err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			want := int64(1)
			if r.partner {
				want = 2
			}
			if got := total() - before; got != want {
				t.Errorf("%s wrote %d audit entries, want %d", r.name, got, want)
			}
			if r.action == "" {
				continue
			}
			if got := count(us.admin, r.action, detail) - inOwner; got != 1 {
				t.Errorf("%s: %d entries %s %q in the family's office, want 1", r.name, got, r.action, detail)
			}
			if r.partner {
				if got := count(abroad.admin, r.action, detail) - inPartner; got != 1 {
					t.Errorf("%s: %d entries %s %q in the partner's office, want 1", r.name, got, r.action, detail)
				}
			}
		}
	})
}
