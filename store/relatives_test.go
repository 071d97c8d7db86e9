package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/reunite/reunite/risk"
)

// Planted facts of the test office's relative: where they are, what
// happened, the report that corroborates it. None may be found in clear at
// rest (TestNothingInClearAtRest).
const (
	plantedCamp     = "Camp Zarghun Kowt"
	plantedCity     = "Qasr-e Shirin"
	plantedIncident = "stopped at the Zarghun checkpoint and beaten"
	plantedReport   = "Shelter conditions report Zarghun"
	plantedReason   = "detained twice near Zarghun"
	plantedCustody  = "Aunt Mahbouba Rezaie"
)

func init() {
	secrets = append(secrets, plantedCamp, plantedCity, plantedIncident, plantedReport, plantedReason, plantedCustody)
	staff := []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	ops = append(ops,
		op{"AddTimelineEntry", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.AddTimelineEntry(ctx, a, fam, "husband", risk.Entry{Kind: risk.Contact, When: approxDay("2026-02-01")})
			return nil, err
		}},
		op{"AddIncident", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.AddIncident(ctx, a, fam, "husband", risk.Incident{When: approxDay("2026-02"), Kind: risk.Threat,
				Description: "x", Severity: risk.Minor})
			return nil, err
		}},
		op{"SetRiskLevel", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.SetRiskLevel(ctx, a, fam, "husband", risk.Moderate, "x")
			return nil, err
		}},
		op{"RelativeLogs", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			l, err := s.RelativeLogs(ctx, a, fam)
			// The target's first family has a log: reaching it must show it.
			if err == nil && fam == tg.o.family.ID && len(l.Incidents["husband"]) == 0 {
				return nil, errors.New("the log came back empty")
			}
			return nil, err
		}},
		op{"RiskNotifications", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			ns, err := s.RiskNotifications(ctx, a)
			var ids []string
			for _, n := range ns {
				ids = append(ids, n.FamilyID)
			}
			return ids, err
		}},
		op{"DismissRiskNotification", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			if fam != tg.o.family.ID {
				return nil, ErrNotFound // the notification is of the first family
			}
			return nil, s.DismissRiskNotification(ctx, a, tg.notification)
		}},
	)
	for _, name := range []string{"AddTimelineEntry", "AddIncident", "SetRiskLevel", "RiskNotifications", "DismissRiskNotification"} {
		opRoles[name] = staff
	}
}

// withoutRisk drops the items of the relatives' logs (which newTarget
// records) from a needs-action list, for tests of the petitions' items.
func withoutRisk(items []ActionItem) []ActionItem {
	var out []ActionItem
	for _, it := range items {
		if !it.FromRiskLog() {
			out = append(out, it)
		}
	}
	return out
}

func approxDay(s string) risk.Approx {
	a, err := risk.ParseApprox(s)
	if err != nil {
		panic(err)
	}
	return a
}

// addTargetRelatives records a timeline, an incident citing the office's
// document and a raised risk for the target's first family (called by
// newTarget); it returns the notification the raise left.
func addTargetRelatives(t *testing.T, s *Store, o *office, doc string) string {
	t.Helper()
	ctx := context.Background()
	for _, e := range []risk.Entry{
		{Kind: risk.Location, When: approxDay("2025-11"), Country: "IR", Place: plantedCamp, Camp: true},
		{Kind: risk.Location, When: approxDay("2026-01-20"), Country: "IR", Place: plantedCity},
		{Kind: risk.Status, When: approxDay("2025-11-15"), Status: risk.Visa, Expires: date("2026-03-15")},
		{Kind: risk.Custody, When: approxDay("2025"), Custodian: plantedCustody},
		{Kind: risk.Contact, When: approxDay("2026-01-25"), Note: "phone"},
	} {
		if _, err := s.AddTimelineEntry(ctx, o.worker, o.family.ID, "husband", e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddIncident(ctx, o.worker, o.family.ID, "husband", risk.Incident{When: approxDay("2026-01-18"), Kind: risk.Detention,
		Description: plantedIncident, Severity: risk.Severe,
		Sources: []risk.Source{{DocumentID: doc}, {Title: plantedReport, Publisher: "UNHCR", Date: date("2026-01-05"), Link: "https://example.org/report"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetRiskLevel(ctx, o.rep, o.family.ID, "husband", risk.High, plantedReason); err != nil {
		t.Fatal(err)
	}
	ns, err := s.RiskNotifications(ctx, o.worker)
	if err != nil || len(ns) != 1 {
		t.Fatalf("notifications after the raise: %v, %v", ns, err)
	}
	return ns[0].ID
}

func TestRelativeLogs(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "rel")
		o := tg.o
		l, err := s.RelativeLogs(ctx, o.client, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(l.Timeline["husband"]); n != 5 {
			t.Fatalf("%d timeline entries, want 5", n)
		}
		if got := l.Timeline["husband"][0].Entry; got.Place != plantedCamp || got.When.String() != "2025-11" || !got.Camp {
			t.Errorf("first entry read back as %+v", got)
		}
		in := l.Incidents["husband"]
		if len(in) != 1 || in[0].Incident.Description != plantedIncident || in[0].Incident.Sources[0].DocumentID != tg.doc ||
			in[0].CreatedBy != o.worker.UserID() || in[0].Seq != 6 {
			t.Errorf("incident read back as %+v", in)
		}
		if l.Level("husband") != risk.High || !l.Risk["husband"][0].Raised || l.Risk["husband"][0].Reason != plantedReason {
			t.Errorf("risk %+v", l.Risk)
		}

		// The needs-action list carries the relative's dates, after the
		// mailing too (the target's petition is past its receipt).
		items, err := s.NeedsAction(ctx, o.rep, date("2026-12-31"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{risk.DueContact: "2026-02-25", risk.DueStatus: "2026-03-15", risk.DueUrgent: testClock.Format("2006-01-02")}
		for _, it := range items {
			if d, ok := want[it.Kind]; ok && it.MemberID == "husband" && it.Due.String() == d {
				delete(want, it.Kind)
			}
		}
		if len(want) != 0 {
			t.Errorf("needs action lacks %v: %+v", want, items)
		}

		// They are the team's: a client's reminders never carry them (the
		// list above has them for this family).
		due, err := s.FamilyDue(ctx, o.rep, o.family.ID, date("2026-12-31"))
		if err != nil {
			t.Fatalf("family due: %v, %v", due, err)
		}
		for _, it := range due {
			if it.FromRiskLog() {
				t.Errorf("the family's reminders carry %+v", it)
			}
		}
		// Lowering the risk ends the urgent item and notifies nobody.
		// It is the relative's second change: numbered after the first.
		if c, err := s.SetRiskLevel(ctx, o.worker, o.family.ID, "husband", risk.Low, "back in touch"); err != nil || c.Raised || c.Seq != 2 {
			t.Fatalf("lowered: %+v, %v", c, err)
		}
		items, _ = s.NeedsAction(ctx, o.rep, date("2026-12-31"), "", 0)
		for _, it := range items {
			if it.Kind == risk.DueUrgent {
				t.Errorf("still urgent after lowering: %+v", it)
			}
		}
		if ns, _ := s.RiskNotifications(ctx, o.rep); len(ns) != 1 {
			t.Errorf("lowering notified: %+v", ns)
		}
		// Dismissed, it is gone for everyone (it was the office's).
		if err := s.DismissRiskNotification(ctx, o.rep, tg.notification); err != nil {
			t.Fatal(err)
		}
		if ns, _ := s.RiskNotifications(ctx, o.worker); len(ns) != 0 {
			t.Errorf("after dismissal: %+v", ns)
		}

		// With a caseworker assigned, a raise notifies that person only.
		if err := s.Assign(ctx, o.admin, o.family.ID, o.worker.UserID(), ""); err != nil {
			t.Fatal(err)
		}
		if c, err := s.SetRiskLevel(ctx, o.rep, o.family.ID, "husband", risk.Critical, "x"); err != nil || !c.Raised || c.Seq != 3 {
			t.Fatalf("raised again: %+v, %v", c, err)
		}
		if ns, _ := s.RiskNotifications(ctx, o.worker); len(ns) != 1 || ns[0].ToOffice || ns[0].Level != risk.Critical {
			t.Errorf("the caseworker's notifications: %+v", ns)
		}
		if ns, _ := s.RiskNotifications(ctx, o.rep); len(ns) != 0 {
			t.Errorf("the representative, not assigned, was notified: %+v", ns)
		}

		// The audit log names the rows, never what they say.
		es, err := s.AuditLog(ctx, o.rep, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, en := range es {
			seen[en.Action] = true
			for _, sec := range secrets {
				if strings.Contains(en.Detail, sec) {
					t.Errorf("audit entry %s %q holds %q", en.Action, en.Detail, sec)
				}
			}
		}
		for _, act := range []string{ActionTimelineAdd, ActionIncidentAdd, ActionRiskLevel, ActionRiskNotified} {
			if !seen[act] {
				t.Errorf("no audit entry %s", act)
			}
		}
	})
}

func TestRelativeLogsRefuseBadInput(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "bad")
		other := newTarget(t, s, "bad2")
		o := tg.o
		before, err := s.RelativeLogs(ctx, o.rep, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, want string
			fn         func() error
		}{
			{"no country", "country:", func() error {
				_, err := s.AddTimelineEntry(ctx, o.worker, o.family.ID, "husband", risk.Entry{Kind: risk.Location, When: approxDay("2026")})
				return err
			}},
			{"unknown relative", "no relative", func() error {
				_, err := s.AddTimelineEntry(ctx, o.worker, o.family.ID, "cousin", risk.Entry{Kind: risk.Contact, When: approxDay("2026")})
				return err
			}},
			{"another office's document", "sources[0]", func() error {
				_, err := s.AddIncident(ctx, o.worker, o.family.ID, "husband", risk.Incident{When: approxDay("2026"), Kind: risk.Threat,
					Description: "x", Severity: risk.Minor, Sources: []risk.Source{{DocumentID: other.doc}}})
				return err
			}},
			{"no severity", "severity:", func() error {
				_, err := s.AddIncident(ctx, o.worker, o.family.ID, "husband", risk.Incident{When: approxDay("2026"), Kind: risk.Threat, Description: "x"})
				return err
			}},
			{"unknown level", "level:", func() error {
				_, err := s.SetRiskLevel(ctx, o.worker, o.family.ID, "husband", "extreme", "")
				return err
			}},
		} {
			err := c.fn()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want an error naming %s", c.name, err, c.want)
			}
		}
		after, err := s.RelativeLogs(ctx, o.rep, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(after.Timeline["husband"]) != len(before.Timeline["husband"]) || len(after.Incidents["husband"]) != len(before.Incidents["husband"]) ||
			len(after.Risk["husband"]) != len(before.Risk["husband"]) {
			t.Error("a refused write left something behind")
		}
	})
}

// BenchmarkRelativeLogs: opening a family's logs for the dashboard, with
// a relative with 50 timeline entries and 10 incidents, and adding
// one entry (which recomputes the relative's needs-action dates).
func BenchmarkRelativeLogs(b *testing.B) {
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		benchRelativeLogs(b, e)
	})
}

func benchRelativeLogs(b *testing.B, e Engine) {
	ctx := context.Background()
	s := newStore(b, e)
	o := newOffice(b, s, "bench")
	for i := range 50 {
		en := risk.Entry{Kind: risk.Contact, When: risk.On(date("2025-01-01").AddDays(i * 7)), Note: "phone"}
		if _, err := s.AddTimelineEntry(ctx, o.worker, o.family.ID, "husband", en); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 10 {
		in := risk.Incident{When: risk.On(date("2025-02-01").AddDays(i * 20)), Kind: risk.Threat, Description: "threat by phone", Severity: risk.Serious}
		if _, err := s.AddIncident(ctx, o.worker, o.family.ID, "husband", in); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.RelativeLogs(ctx, o.rep, o.family.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("add", func(b *testing.B) {
		for b.Loop() {
			en := risk.Entry{Kind: risk.Contact, When: approxDay("2026-02-01")}
			if _, err := s.AddTimelineEntry(ctx, o.worker, o.family.ID, "husband", en); err != nil {
				b.Fatal(err)
			}
		}
	})
}
