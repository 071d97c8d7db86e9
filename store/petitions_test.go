package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite/tracking"
)

// The receipt and tracking numbers of the test office's petition; they
// join the secrets that must never be found in clear at rest.
const (
	targetReceipt  = "SRC2612345678"
	targetTracking = "9400111899223344556677"
)

func init() {
	secrets = append(secrets, targetReceipt, "2612345678", targetTracking, "left at the consulate gate")
	ops = append(ops,
		op{"AddPetitionEvents", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.AddPetitionEvents(ctx, a, []NewPetitionEvent{{fam, "husband", tracking.Event{Kind: tracking.Withdrawn, Date: date("2026-03-01")}}})
			if errors.Is(err, ErrInvalid) { // already withdrawn by an earlier case: still reached
				return nil, nil
			}
			return nil, err
		}},
		op{"PetitionEvents", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.PetitionEvents(ctx, a, fam)
			return nil, err
		}},
		op{"FindReceipt", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			refs, err := s.FindReceipt(ctx, a, targetReceipt)
			var ids []string
			for _, r := range refs {
				ids = append(ids, r.FamilyID)
			}
			return ids, err
		}},
		op{"NeedsAction", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			items, err := s.NeedsAction(ctx, a, date("2030-01-01"), "", 0)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.FamilyID)
			}
			return ids, err
		}},
		op{"Assign", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			return nil, s.Assign(ctx, a, fam, "", "")
		}},
		op{"AssignmentOf", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.AssignmentOf(ctx, a, fam)
			return nil, err
		}},
		op{"StaffMembers", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			ms, err := s.StaffMembers(ctx, a)
			var ids []string
			for _, m := range ms {
				ids = append(ids, m.ID)
			}
			return ids, err
		}},
	)
	opRoles["AddPetitionEvents"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	opRoles["Assign"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	opRoles["StaffMembers"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
}

// addTargetPetition records a mailing and a receipt for the target's
// first family (called by newTarget).
func addTargetPetition(t *testing.T, s *Store, o *office) {
	t.Helper()
	_, err := s.AddPetitionEvents(context.Background(), o.worker, []NewPetitionEvent{
		{o.family.ID, "husband", tracking.Event{Kind: tracking.Mailed, Date: date("2026-01-06"), Carrier: "USPS", Tracking: targetTracking}},
		{o.family.ID, "husband", tracking.Event{Kind: tracking.ReceiptNotice, Date: date("2026-02-10"), Receipt: "src-26-123-45678", Note: "left at the consulate gate"}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPetitionEventsStored(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "track")
		o := tg.o
		add := func(ev tracking.Event) error {
			_, err := s.AddPetitionEvents(ctx, o.worker, []NewPetitionEvent{{o.family.ID, "husband", ev}})
			return err
		}
		// An RFE without its printed date: a default, marked.
		if err := add(tracking.Event{Kind: tracking.RFE, Date: date("2026-03-02")}); err != nil {
			t.Fatal(err)
		}
		items, err := s.NeedsAction(ctx, o.rep, date("2026-12-31"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		var rfe *ActionItem
		for i, it := range items {
			if it.Kind == string(tracking.DueRFE) {
				rfe = &items[i]
			}
		}
		// 2026-03-02 + 87 = Thursday 2026-05-28.
		if rfe == nil || rfe.Due != date("2026-05-28") || !rfe.CheckNotice || rfe.MemberID != "husband" || rfe.Notice != date("2026-03-02") {
			t.Fatalf("needs action = %+v", items)
		}
		// The printed date is entered as a correction of event 3.
		if err := add(tracking.Event{Kind: tracking.RFE, Date: date("2026-03-02"), Due: date("2026-05-01"), Corrects: 3}); err != nil {
			t.Fatal(err)
		}
		// An invalid transition is refused, with the stage and the event,
		// and nothing is written.
		err = add(tracking.Event{Kind: tracking.VisaIssued, Date: date("2026-03-05"), VisaClass: "V92", ValidUntil: date("2026-09-01")})
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "visa_issued") || !strings.Contains(err.Error(), "request for evidence") {
			t.Errorf("visa during an RFE: %v", err)
		}
		evs, err := s.PetitionEvents(ctx, o.client, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		h := evs["husband"]
		if len(h) != 4 || h[1].Event.Receipt != targetReceipt || h[0].Event.Tracking != targetTracking || h[3].Event.Corrects != 3 || h[2].Event.Due.IsZero() != true {
			t.Fatalf("history = %+v", h)
		}
		items, _ = s.NeedsAction(ctx, o.rep, date("2026-12-31"), "", 0)
		// The target's task with a due day is in the list too (tasks.go).
		items = slices.DeleteFunc(items, func(it ActionItem) bool { return it.Kind == ActionTask })
		items = withoutRisk(items) // the relative's own dates (relatives_test.go)
		if len(items) != 2 || items[1].Kind != string(tracking.DueRFE) || items[1].Due != date("2026-05-01") || items[1].CheckNotice {
			t.Errorf("after the correction: %+v", items)
		}
		// A receipt number that is not one, and a relative that does not
		// exist, are refused.
		_, err = s.AddPetitionEvents(ctx, o.worker, []NewPetitionEvent{{o.other.ID, "husband", tracking.Event{Kind: tracking.Mailed, Date: date("2026-01-06")}},
			{o.other.ID, "husband", tracking.Event{Kind: tracking.ReceiptNotice, Date: date("2026-02-10"), Receipt: "XYZ2612345678"}}})
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `"XYZ" is not the prefix`) {
			t.Errorf("bad receipt: %v", err)
		}
		if evs, _ := s.PetitionEvents(ctx, o.rep, o.other.ID); len(evs) != 0 {
			t.Errorf("a refused batch left %v", evs)
		}
		if err := add(tracking.Event{Kind: tracking.Withdrawn, Date: date("2026-03-05")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddPetitionEvents(ctx, o.worker, []NewPetitionEvent{{o.family.ID, "wife", tracking.Event{Kind: tracking.Prepared, Date: date("2026-01-06")}}}); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown relative: %v", err)
		}
		// The receipt is found through its blind index, whatever its form.
		refs, err := s.FindReceipt(ctx, o.rep, "SRC 26 123 45678")
		if err != nil || len(refs) != 1 || refs[0] != (PetitionRef{o.family.ID, "husband"}) {
			t.Errorf("FindReceipt = %v, %v", refs, err)
		}
		if _, err := s.FindReceipt(ctx, o.rep, "12345"); !errors.Is(err, ErrInvalid) {
			t.Errorf("FindReceipt of a bad number: %v", err)
		}
		// The audit log names the events, never the numbers.
		log, err := s.AuditLog(ctx, o.admin, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, en := range log {
			if en.Action == ActionPetitionEvent {
				n++
			}
			if strings.Contains(en.Detail, "2612345678") || strings.Contains(en.Detail, targetTracking) {
				t.Errorf("audit entry with a number: %+v", en)
			}
		}
		if n != 5 {
			t.Errorf("%d petition events audited, want 5", n)
		}
	})
}

func TestNeedsActionAssignedAndFiling(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "desk")
		// o.other (status 2024-04-01) is not filed: its deadline 2026-04-01
		// is listed for its relative; o.family is, after mailing, not.
		items, err := s.NeedsAction(ctx, o.worker, date("2027-12-31"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]string{}
		for _, it := range items {
			kinds[it.FamilyID+"/"+it.Kind] = it.Due.String()
		}
		if kinds[o.other.ID+"/file_by"] != "2026-04-01" || kinds[o.family.ID+"/file_by"] != "2027-06-10" {
			t.Fatalf("filing deadlines = %v", kinds)
		}
		if _, err := s.AddPetitionEvents(ctx, o.worker, []NewPetitionEvent{{o.family.ID, "husband", tracking.Event{Kind: tracking.Mailed, Date: date("2026-03-01")}}}); err != nil {
			t.Fatal(err)
		}
		items, _ = s.NeedsAction(ctx, o.worker, date("2027-12-31"), "", 0)
		for _, it := range items {
			if it.FamilyID == o.family.ID {
				t.Errorf("a mailed petition still lists %+v", it)
			}
		}
		// Assignment filters.
		if err := s.Assign(ctx, o.worker, o.other.ID, o.worker.UserID(), o.rep.UserID()); err != nil {
			t.Fatal(err)
		}
		if err := s.Assign(ctx, o.worker, o.other.ID, o.client.UserID(), ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("a client as caseworker: %v", err)
		}
		if err := s.Assign(ctx, o.worker, o.other.ID, "", o.worker.UserID()); !errors.Is(err, ErrInvalid) {
			t.Errorf("a caseworker as attorney: %v", err)
		}
		got, err := s.AssignmentOf(ctx, o.rep, o.other.ID)
		if err != nil || got.CaseworkerID != o.worker.UserID() || got.AttorneyID != o.rep.UserID() {
			t.Errorf("assignment = %+v, %v", got, err)
		}
		for who, want := range map[string]int{o.worker.UserID(): 1, o.rep.UserID(): 1, o.admin.UserID(): 0} {
			items, err := s.NeedsAction(ctx, o.rep, date("2026-12-31"), who, 0)
			if err != nil || len(items) != want {
				t.Errorf("assigned to %s: %+v, %v", who, items, err)
			}
		}
		staff, err := s.StaffMembers(ctx, o.worker)
		if err != nil || len(staff) != 3 {
			t.Errorf("staff = %+v, %v", staff, err)
		}
	})
}
