package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/risk"
)

// The partner offices' methods join the access tests of scope_test.go
// (every role of the office, and another office), and TestPartnerAccess
// aims every method at families shared in every way with a partner office.

func init() {
	staff := []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	opRoles["ShareFamily"] = []Role{RoleAdmin, RoleRepresentative}
	opRoles["RevokeShare"] = []Role{RoleAdmin, RoleRepresentative}
	for _, name := range []string{"Shares", "SharedWithUs", "Mentioned", "AddNote", "AddNote/member", "Notes", "Activity", "AddTask/member"} {
		opRoles[name] = staff
	}
	opRoles["SendMessage"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker, RoleClient}
	opRoles["Messages"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker, RoleClient}
	ops = append(ops, partnerOps...)
}

// partnerOffice makes an office to share with, named uniquely.
func partnerOffice(ctx context.Context, s *Store) (Actor, error) {
	return s.CreateOrg(ctx, newID("p"), NewUser{Login: newID("l"), Name: "Partner admin"})
}

var partnerOps = []op{
	{"ShareFamily", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		p, err := partnerOffice(ctx, s)
		if err != nil {
			return nil, err
		}
		_, err = s.ShareFamily(ctx, a, NewShare{FamilyID: fam, PartnerOrgID: p.OrgID(), Access: AccessRead, ExpiresAt: testClock.Add(24 * time.Hour)})
		return nil, err
	}},
	{"RevokeShare", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		p, err := partnerOffice(ctx, s)
		if err != nil {
			return nil, err
		}
		sh, err := s.ShareFamily(ctx, tg.o.admin, NewShare{FamilyID: fam, PartnerOrgID: p.OrgID(), Access: AccessRead, ExpiresAt: testClock.Add(time.Hour)})
		if err != nil {
			return nil, err
		}
		return nil, s.RevokeShare(ctx, a, sh.ID)
	}},
	{"Shares", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Shares(ctx, a, fam)
		return nil, err
	}},
	{"SharedWithUs", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		shared, err := s.SharedWithUs(ctx, a)
		var ids []string
		for _, sh := range shared {
			ids = append(ids, sh.FamilyID)
		}
		return ids, err
	}},
	{"Mentioned", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		login, err := s.UserLogin(ctx, tg.o.admin, tg.o.rep.UserID())
		if err != nil {
			return nil, err
		}
		if _, err := s.AddNote(ctx, tg.o.worker, tg.o.family.ID, "", "@"+login+" please look"); err != nil {
			return nil, err
		}
		ms, err := s.Mentioned(ctx, a, 0)
		var ids []string
		for _, m := range ms {
			ids = append(ids, m.FamilyID)
		}
		return ids, err
	}},
	{"AddNote", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.AddNote(ctx, a, fam, "", "Called the embassy")
		return nil, err
	}},
	{"AddNote/member", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.AddNote(ctx, a, fam, "husband", "Dawit moved")
		return nil, err
	}},
	{"Notes", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Notes(ctx, a, fam)
		return nil, err
	}},
	{"SendMessage", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.SendMessage(ctx, a, fam, "We have a new address")
		return nil, err
	}},
	{"Messages", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Messages(ctx, a, fam)
		return nil, err
	}},
	{"AddTask/member", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.AddTaskFor(ctx, a, NewTask{FamilyID: fam, MemberID: "husband", Title: "Passport copy", Due: date("2026-03-20")})
		return nil, err
	}},
	{"Activity", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Activity(ctx, a, fam, 0)
		return nil, err
	}},
}

// twoRelatives is the test family with a daughter beside the husband.
func twoRelatives() *reunite.Family {
	f := testFamily("Tesfaye", "Selam", "A201234567", "2025-06-10")
	f.Members = append(f.Members, reunite.Member{
		ID: "daughter", Relationship: reunite.ChildOf, Name: reunite.Name{Family: "Haile", Given: "Ruth"},
		BirthDate: reunite.BornOn(date("2012-02-29")), Sex: reunite.Female, MaritalStatus: reunite.Single, Location: reunite.OutsideUS,
		Child: &reunite.Child{Kind: reunite.Biological, BornInWedlock: reunite.Bool(true)},
	})
	return f
}

// shareCase is one way a family can stand towards the partner office.
type shareCase struct {
	name    string
	family  string
	whole   bool // sees every relative
	daugher bool // sees the daughter
	write   bool
	husband string // a task of the husband's, to complete
	family0 string // a family-wide task, to complete
	girl    string // a task of the daughter's
	usDoc   string // a document of the family's office, for the daughter
}

func (c shareCase) reaches() bool { return c.whole || c.daugher }

// partnerCall is one method aimed at a shared family; allowed says whether
// a partner's staff may call it in the case.
type partnerCall struct {
	name    string
	allowed func(c shareCase) bool
	fn      func(ctx context.Context, s *Store, a Actor, c shareCase) error
}

var (
	reads     = func(c shareCase) bool { return c.reaches() }
	whole     = func(c shareCase) bool { return c.whole }
	wholeW    = func(c shareCase) bool { return c.whole && c.write }
	daughterW = func(c shareCase) bool { return c.reaches() && c.write }
	never     = func(shareCase) bool { return false }
)

var partnerCalls = []partnerCall{
	{"Family", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Family(ctx, a, c.family)
		return err
	}},
	{"FamilyVersion", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.FamilyVersion(ctx, a, c.family, 1)
		return err
	}},
	{"Assessment", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Assessment(ctx, a, c.family)
		return err
	}},
	{"FamilyVersions", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.FamilyVersions(ctx, a, c.family)
		return err
	}},
	{"UpdateFamily", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.UpdateFamily(ctx, a, c.family, 1, twoRelatives())
		return err
	}},
	{"Documents", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		docs, err := s.Documents(ctx, a, c.family)
		if err != nil {
			return err
		}
		// The office's document for the daughter shows whenever she is
		// shared; nothing else of the office's does unless all is.
		var daughters bool
		for _, d := range docs {
			daughters = daughters || d.ID == c.usDoc
			if !c.whole && !slices.Equal(d.Members, []string{"daughter"}) {
				return fmt.Errorf("a document for %v shown through a share of the daughter", d.Members)
			}
		}
		if !daughters {
			return fmt.Errorf("the daughter's document is not listed: %+v", docs)
		}
		return nil
	}},
	{"Events", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Events(ctx, a, c.family)
		return err
	}},
	{"ShareFamily", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		p, err := partnerOffice(ctx, s)
		if err != nil {
			return err
		}
		_, err = s.ShareFamily(ctx, a, NewShare{FamilyID: c.family, PartnerOrgID: p.OrgID(), Access: AccessRead, ExpiresAt: testClock.Add(30 * 24 * time.Hour)})
		return err
	}},
	{"Shares", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Shares(ctx, a, c.family)
		return err
	}},
	{"AddNote", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddNote(ctx, a, c.family, "", "Family note from abroad")
		return err
	}},
	{"AddNote/husband", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddNote(ctx, a, c.family, "husband", "Husband note from abroad")
		return err
	}},
	{"AddNote/daughter", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddNote(ctx, a, c.family, "daughter", "Daughter note from abroad")
		return err
	}},
	{"Notes", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Notes(ctx, a, c.family)
		return err
	}},
	{"SendMessage", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.SendMessage(ctx, a, c.family, "hello")
		return err
	}},
	{"Messages", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Messages(ctx, a, c.family)
		return err
	}},
	{"AddTask", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddTask(ctx, a, c.family, "Family task", date("2026-03-20"))
		return err
	}},
	{"AddTask/daughter", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddTaskFor(ctx, a, NewTask{FamilyID: c.family, MemberID: "daughter", Title: "Camp registration", Due: date("2026-03-20")})
		return err
	}},
	{"Tasks", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Tasks(ctx, a, c.family)
		return err
	}},
	{"CompleteTask/family", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		return s.CompleteTask(ctx, a, c.family0)
	}},
	{"CompleteTask/husband", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		return s.CompleteTask(ctx, a, c.husband)
	}},
	{"CompleteTask/daughter", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		return s.CompleteTask(ctx, a, c.girl)
	}},
	{"Activity", never, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.Activity(ctx, a, c.family, 0)
		return err
	}},
	{"RelativeLogs", reads, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		l, err := s.RelativeLogs(ctx, a, c.family)
		if err != nil {
			return err
		}
		// The husband's log (recorded by the family's office) shows
		// exactly when he is shared.
		if got := len(l.Timeline["husband"]) > 0 && len(l.Incidents["husband"]) > 0 && len(l.Risk["husband"]) > 0; got != c.whole {
			return fmt.Errorf("the husband's log shown: %v, want %v", got, c.whole)
		}
		return nil
	}},
	{"AddTimelineEntry/husband", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddTimelineEntry(ctx, a, c.family, "husband", risk.Entry{Kind: risk.Contact, When: approxDay("2026-02-01")})
		return err
	}},
	{"AddTimelineEntry/daughter", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddTimelineEntry(ctx, a, c.family, "daughter", risk.Entry{Kind: risk.Location, When: approxDay("2026-02"),
			Country: "PK", Place: "Quetta"})
		return err
	}},
	{"AddIncident/husband", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddIncident(ctx, a, c.family, "husband", risk.Incident{When: approxDay("2026-02"), Kind: risk.Threat,
			Description: "threatened at the checkpoint", Severity: risk.Minor})
		return err
	}},
	{"AddIncident/daughter", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddIncident(ctx, a, c.family, "daughter", risk.Incident{When: approxDay("2026-02-10"), Kind: risk.Displacement,
			Description: "the camp was cleared", Severity: risk.Serious})
		return err
	}},
	{"AddEvidence/husband", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddEvidence(ctx, a, NewDocument{FamilyID: c.family, Name: "police report.pdf", ContentType: "application/pdf",
			Content: []byte("%PDF-1.4 police"), Members: []string{"husband"}})
		return err
	}},
	{"AddEvidence/daughter+incident", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		d, err := s.AddEvidence(ctx, a, NewDocument{FamilyID: c.family, Name: "camp clinic letter.pdf", ContentType: "application/pdf",
			Content: []byte("%PDF-1.4 clinic"), Members: []string{"daughter"}, Kind: "other"})
		if err != nil {
			return err
		}
		_, err = s.AddIncident(ctx, a, c.family, "daughter", risk.Incident{When: approxDay("2026-02-11"), Kind: risk.MedicalEvent,
			Description: "treated at the camp clinic", Severity: risk.Serious, Sources: []risk.Source{{DocumentID: d.ID}}})
		return err
	}},
	{"AddIncident/daughter citing the office's document", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.AddIncident(ctx, a, c.family, "daughter", risk.Incident{When: approxDay("2026-02-12"), Kind: risk.Other,
			Description: "school closed", Severity: risk.Minor, Sources: []risk.Source{{DocumentID: c.usDoc}}})
		return err
	}},
	{"SetRiskLevel/husband", wholeW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.SetRiskLevel(ctx, a, c.family, "husband", risk.High, "threatened")
		return err
	}},
	{"SetRiskLevel/daughter", daughterW, func(ctx context.Context, s *Store, a Actor, c shareCase) error {
		_, err := s.SetRiskLevel(ctx, a, c.family, "daughter", risk.Moderate, "camp cleared")
		return err
	}},
}

// TestPartnerAccess aims every method, as every role of a partner office,
// at the families of another office shared with it in every way (the whole
// family to read or write, one relative, an expired share, a revoked one,
// none), and as every role of a third office with no share at all: each
// call is allowed exactly where the shares say, refused as not found or
// forbidden elsewhere, and what it shows keeps to what was shared.
func TestPartnerAccess(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		now := testClock
		s, err := Open(ctx, Options{DSN: newDSN(t, e), Keys: Keys{Current: testKey(t)}, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		us := newOffice(t, s, "us")
		abroad := newOffice(t, s, "abroad")
		stranger := newOffice(t, s, "stranger")

		mk := func(name string, members []string, access Access, expires time.Time) shareCase {
			rec, err := s.CreateFamily(ctx, us.worker, twoRelatives())
			if err != nil {
				t.Fatal(err)
			}
			c := shareCase{name: name, family: rec.ID}
			for _, tk := range []struct {
				into   *string
				member string
			}{{&c.husband, "husband"}, {&c.family0, ""}, {&c.girl, "daughter"}} {
				made, err := s.AddTaskFor(ctx, us.worker, NewTask{FamilyID: rec.ID, MemberID: tk.member, Title: "Ask for the marriage certificate", Due: date("2026-03-05")})
				if err != nil {
					t.Fatal(err)
				}
				*tk.into = made.ID
			}
			if _, err := s.AddNote(ctx, us.worker, rec.ID, "husband", "Dawit is hiding in Adi Keyh"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddTimelineEntry(ctx, us.worker, rec.ID, "husband", risk.Entry{Kind: risk.Location, When: approxDay("2026-01"),
				Country: "ER", Place: "Adi Keyh"}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddIncident(ctx, us.worker, rec.ID, "husband", risk.Incident{When: approxDay("2026-01-20"), Kind: risk.Detention,
				Description: "Dawit was held for two days", Severity: risk.Serious}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetRiskLevel(ctx, us.worker, rec.ID, "husband", risk.Moderate, "held once"); err != nil {
				t.Fatal(err)
			}
			doc, err := s.AddEvidence(ctx, us.worker, NewDocument{FamilyID: rec.ID, Name: "Ruth school record.pdf",
				ContentType: "application/pdf", Content: []byte("%PDF-1.4 school"), Members: []string{"daughter"}})
			if err != nil {
				t.Fatal(err)
			}
			c.usDoc = doc.ID
			if access != "" {
				if _, err := s.ShareFamily(ctx, us.rep, NewShare{FamilyID: rec.ID, PartnerOrgID: abroad.admin.OrgID(), Members: members, Access: access, ExpiresAt: expires}); err != nil {
					t.Fatal(err)
				}
			}
			return c
		}
		day := testClock.Add(24 * time.Hour)
		cases := []shareCase{
			func() shareCase {
				c := mk("whole-write", nil, AccessWrite, day)
				c.whole, c.write = true, true
				return c
			}(),
			func() shareCase { c := mk("whole-read", nil, AccessRead, day); c.whole = true; return c }(),
			func() shareCase {
				c := mk("daughter-write", []string{"daughter"}, AccessWrite, day)
				c.daugher, c.write = true, true
				return c
			}(),
			mk("expired", nil, AccessWrite, testClock.Add(time.Hour)),
			mk("revoked", nil, AccessWrite, day),
			mk("none", nil, "", time.Time{}),
		}
		shares, err := s.Shares(ctx, us.admin, cases[4].family)
		if err != nil || len(shares) != 1 {
			t.Fatalf("shares: %v, %v", shares, err)
		}
		if err := s.RevokeShare(ctx, us.rep, shares[0].ID); err != nil {
			t.Fatal(err)
		}
		now = testClock.Add(2 * time.Hour) // past the expired share's end

		partner := map[string]Actor{"admin": abroad.admin, "representative": abroad.rep, "caseworker": abroad.worker}
		outsiders := map[string]Actor{"partner client": abroad.client, "stranger admin": stranger.admin,
			"stranger representative": stranger.rep, "stranger caseworker": stranger.worker, "stranger client": stranger.client}
		for _, c := range cases {
			for _, call := range partnerCalls {
				for role, a := range partner {
					err := call.fn(ctx, s, a, c)
					if call.allowed(c) && err != nil {
						t.Errorf("%s, %s as the partner's %s: %v", c.name, call.name, role, err)
					}
					if !call.allowed(c) && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrForbidden) {
						t.Errorf("%s, %s as the partner's %s: %v, want not found or forbidden", c.name, call.name, role, err)
					}
				}
				for who, a := range outsiders {
					if err := call.fn(ctx, s, a, c); !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrForbidden) {
						t.Errorf("%s, %s as the %s: %v, want not found or forbidden", c.name, call.name, who, err)
					}
				}
			}
		}

		// Lists: the partner's staff see the active shares only.
		for role, a := range partner {
			shared, err := s.SharedWithUs(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, sh := range shared {
				got = append(got, sh.FamilyID)
				if sh.Label != "Selam Tesfaye" {
					t.Errorf("shared label %q", sh.Label)
				}
			}
			want := []string{cases[0].family, cases[1].family, cases[2].family}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("SharedWithUs as the partner's %s: %v, want %v", role, got, want)
			}
			// The office's own lists never take in shared families.
			fams, err := s.Families(ctx, a, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fams {
				if f.ID == cases[0].family {
					t.Errorf("Families as the partner's %s lists a shared family", role)
				}
			}
		}
		for who, a := range outsiders {
			shared, err := s.SharedWithUs(ctx, a)
			if len(shared) != 0 || (err != nil && !errors.Is(err, ErrForbidden)) {
				t.Errorf("SharedWithUs as the %s: %v, %v", who, shared, err)
			}
		}

		// One relative shared: the other relative and the principal's
		// private facts do not leak, in the case file, the assessment,
		// the notes or the tasks.
		one := cases[2]
		rec, err := s.Family(ctx, abroad.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		f := rec.Family
		if len(f.Members) != 1 || f.Members[0].ID != "daughter" || f.Member("husband") != nil {
			t.Errorf("one-relative share shows members %v", f.Members)
		}
		if f.Principal.SSN != "" || f.Principal.Address != nil || !f.Principal.BirthDate.IsZero() {
			t.Errorf("one-relative share shows the principal's private facts: %+v", f.Principal)
		}
		if f.Principal.Name.Full() != "Selam Tesfaye" || f.Principal.StatusDate.IsZero() || f.Principal.ANumber == "" {
			t.Errorf("one-relative share lacks the principal's filing facts: %+v", f.Principal)
		}
		as, err := s.Assessment(ctx, abroad.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		if len(as.Petitions) != 1 || as.Petitions[0].Member != "daughter" {
			t.Errorf("one-relative share's assessment: %v", as.Petitions)
		}
		notes, err := s.Notes(ctx, abroad.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range notes {
			if n.MemberID != "daughter" || strings.Contains(n.Body, "Dawit") {
				t.Errorf("one-relative share shows note %+v", n)
			}
		}
		if len(notes) == 0 {
			t.Error("the partner's note on the daughter is not in the thread")
		}
		tasks, err := s.Tasks(ctx, abroad.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range tasks {
			if tk.MemberID != "daughter" {
				t.Errorf("one-relative share shows task %+v", tk)
			}
		}
		// The relatives' log: the partner's entries on the daughter are
		// the family's office's (under its key), nothing of the husband
		// reaches the partner, and the partner's raised risk notifies the
		// family's office (nobody assigned: the whole office).
		logs, err := s.RelativeLogs(ctx, abroad.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		if len(logs.Timeline) != 1 || len(logs.Timeline["daughter"]) == 0 || len(logs.Incidents["daughter"]) == 0 ||
			logs.Level("daughter") != risk.Moderate || logs.Level("husband") != "" {
			t.Errorf("one-relative share's log: %+v", logs)
		}
		ours, err := s.RelativeLogs(ctx, us.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		if ours.Level("husband") != risk.Moderate || ours.Level("daughter") != risk.Moderate || len(ours.Incidents["daughter"]) != 3*len(partner) {
			t.Errorf("the family's office's log after the partner's entries: %+v", ours)
		}
		for _, in := range ours.Incidents["daughter"] {
			if !slices.ContainsFunc(slices.Collect(maps.Values(partner)), func(a Actor) bool { return a.UserID() == in.CreatedBy }) {
				t.Errorf("the partner's incident is recorded as by %s", in.CreatedBy)
			}
		}
		// A partner's document is the family's office's, for the relative
		// named; it may not name a relative not shared nor none, nor cite
		// a document of the family's office for another relative.
		docs, err := s.Documents(ctx, us.worker, one.family)
		if err != nil {
			t.Fatal(err)
		}
		var fromPartner int
		for _, d := range docs {
			if d.Name == "camp clinic letter.pdf" && slices.Equal(d.Members, []string{"daughter"}) {
				fromPartner++
			}
		}
		if fromPartner != len(partner) {
			t.Errorf("the family's office sees %d of the partner's %d documents: %+v", fromPartner, len(partner), docs)
		}
		for _, members := range [][]string{nil, {"husband"}, {"daughter", "husband"}, {"principal"}} {
			if _, err := s.AddEvidence(ctx, abroad.worker, NewDocument{FamilyID: one.family, Name: "x.pdf", ContentType: "application/pdf",
				Content: []byte("%PDF-1.4 x"), Members: members}); !errors.Is(err, ErrInvalid) && (members == nil || !errors.Is(err, ErrNotFound)) {
				t.Errorf("a partner's document for %v: %v, want invalid or not found", members, err)
			}
		}
		husbandDoc, err := s.AddEvidence(ctx, us.worker, NewDocument{FamilyID: one.family, Name: "Dawit ID.pdf", ContentType: "application/pdf",
			Content: []byte("%PDF-1.4 id"), Members: []string{"husband"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddIncident(ctx, abroad.worker, one.family, "daughter", risk.Incident{When: approxDay("2026-02-12"), Kind: risk.Other,
			Description: "x", Severity: risk.Minor, Sources: []risk.Source{{DocumentID: husbandDoc.ID}}}); !errors.Is(err, ErrInvalid) {
			t.Errorf("a partner cites the husband's document: %v, want invalid", err)
		}
		ns, err := s.RiskNotifications(ctx, us.worker)
		if err != nil {
			t.Fatal(err)
		}
		var told bool
		for _, n := range ns {
			told = told || (n.FamilyID == one.family && n.MemberID == "daughter" && n.ToOffice)
		}
		if !told {
			t.Errorf("the partner's raised risk did not notify the family's office: %+v", ns)
		}
		if ns, err := s.RiskNotifications(ctx, abroad.worker); err != nil || len(ns) != 0 {
			t.Errorf("the partner office is notified of the family's risks: %+v %v", ns, err)
		}

		// The whole family: all of it, as the office has it.
		full, err := s.Family(ctx, abroad.rep, cases[0].family)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Family.Members) != 2 || full.Family.Principal.SSN == "" {
			t.Errorf("whole share: %+v", full.Family)
		}

		// Every access through a share is in both offices' logs; the
		// family's office sees the partner's notes in its activity.
		log, err := s.AuditLog(ctx, us.admin, one.family)
		if err != nil {
			t.Fatal(err)
		}
		var viaPartner int
		for _, e := range log {
			if e.ActorID == abroad.worker.UserID() && strings.Contains(e.Detail, "via share") {
				viaPartner++
			}
		}
		own, err := s.AuditLog(ctx, abroad.admin, one.family)
		if err != nil {
			t.Fatal(err)
		}
		var ownVia int
		for _, e := range own {
			if e.ActorID == abroad.worker.UserID() && strings.Contains(e.Detail, "via share") {
				ownVia++
			}
		}
		if viaPartner == 0 || viaPartner != ownVia {
			t.Errorf("accesses through the share: %d in the family's office, %d in the partner's", viaPartner, ownVia)
		}
		act, err := s.Activity(ctx, us.worker, one.family, 0)
		if err != nil {
			t.Fatal(err)
		}
		var noted bool
		for _, e := range act {
			if e.Action == ActionFamilyRead {
				t.Errorf("activity holds a read: %+v", e)
			}
			if e.Action == ActionNoteAdd && e.ActorOrg == abroad.admin.OrgID() && e.ActorName == "caseworker" {
				noted = true
			}
		}
		if !noted {
			t.Errorf("activity lacks the partner's note: %+v", act)
		}
		rep, err := s.VerifyAudit(ctx)
		if err != nil || !rep.OK() {
			t.Fatalf("audit chain: %v %v", rep, err)
		}

		// Revoking ends access at once.
		live, err := s.Shares(ctx, us.rep, cases[0].family)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeShare(ctx, us.rep, live[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Family(ctx, abroad.worker, cases[0].family); !errors.Is(err, ErrNotFound) {
			t.Errorf("after revoking: %v", err)
		}
		if err := s.RevokeShare(ctx, us.rep, live[0].ID); err != nil {
			t.Errorf("revoking twice: %v", err)
		}

		// A partner mentions a colleague and one of the family's office;
		// the mention goes with the share.
		if _, err := s.AddNote(ctx, abroad.worker, one.family, "daughter", "@abroad-admin @us-representative see Ruth"); err != nil {
			t.Fatal(err)
		}
		for _, a := range []Actor{abroad.admin, us.rep} {
			if ms, err := s.Mentioned(ctx, a, 0); err != nil || len(ms) != 1 || ms[0].FamilyID != one.family {
				t.Errorf("mentions of %s: %+v %v", a, ms, err)
			}
		}
		if _, err := s.AddNote(ctx, us.worker, one.family, "daughter", "@abroad-admin"); !errors.Is(err, ErrInvalid) {
			t.Errorf("the family's office mentions a partner's user: %v", err)
		}
		mine, _ := s.Shares(ctx, us.rep, one.family)
		if err := s.RevokeShare(ctx, us.admin, mine[0].ID); err != nil {
			t.Fatal(err)
		}
		if ms, err := s.Mentioned(ctx, abroad.admin, 0); err != nil || len(ms) != 0 {
			t.Errorf("mentions after the share ended: %+v %v", ms, err)
		}
	})
}

// TestShareRefusesBadInput names the field at fault and writes nothing.
func TestShareRefusesBadInput(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		us := newOffice(t, s, "us")
		abroad := newOffice(t, s, "abroad")
		ok := NewShare{FamilyID: us.family.ID, PartnerOrgID: abroad.admin.OrgID(), Access: AccessRead, ExpiresAt: testClock.Add(time.Hour)}
		for _, c := range []struct {
			want string
			edit func(n *NewShare)
		}{
			{"access", func(n *NewShare) { n.Access = "admin" }},
			{"partner", func(n *NewShare) { n.PartnerOrgID = "" }},
			{"partner", func(n *NewShare) { n.PartnerOrgID = us.admin.OrgID() }},
			{"partner", func(n *NewShare) { n.PartnerOrgID = "onosuchoffice" }},
			{"expires", func(n *NewShare) { n.ExpiresAt = testClock.Add(-time.Hour) }},
			{"expires", func(n *NewShare) { n.ExpiresAt = testClock.AddDate(2, 0, 0) }},
			{"members", func(n *NewShare) { n.Members = []string{"cousin"} }},
			{"members", func(n *NewShare) { n.Members = []string{"a b"} }},
		} {
			n := ok
			c.edit(&n)
			_, err := s.ShareFamily(ctx, us.rep, n)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%+v: %v, want an error naming %s", n, err, c.want)
			}
		}
		if got, err := s.Shares(ctx, us.rep, us.family.ID); err != nil || len(got) != 0 {
			t.Errorf("refused shares were written: %v %v", got, err)
		}
		for _, body := range []string{"", "   ", strings.Repeat("x", MaxNoteChars+1), "bad \xff", "@nobody look"} {
			if _, err := s.AddNote(ctx, us.worker, us.family.ID, "", body); !errors.Is(err, ErrInvalid) {
				t.Errorf("note %.20q: %v, want ErrInvalid", body, err)
			}
		}
		if _, err := s.AddNote(ctx, us.worker, us.family.ID, "cousin", "x"); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "member") {
			t.Errorf("note on no relative: %v", err)
		}
		if _, err := s.AddTaskFor(ctx, us.worker, NewTask{FamilyID: us.family.ID, Title: "x", AssigneeID: abroad.worker.UserID()}); !errors.Is(err, ErrInvalid) {
			t.Errorf("task assigned to another office's user: %v", err)
		}
		if got, err := s.Notes(ctx, us.worker, us.family.ID); err != nil || len(got) != 0 {
			t.Errorf("refused notes were written: %v %v", got, err)
		}
	})
}

// TestNotesMentionsAndMessages: a thread with a mention, the client's
// messages and a reply, and an assigned task in the "needs action" list.
func TestNotesMentionsAndMessages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "us")
		n, err := s.AddNote(ctx, o.worker, o.family.ID, "husband", "@us-representative please call Dawit. Mail me at x@us-admin.org")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(n.Mentions, []string{o.rep.UserID()}) {
			t.Errorf("mentions %v, want only the representative", n.Mentions)
		}
		if ms, err := s.Mentioned(ctx, o.rep, 0); err != nil || len(ms) != 1 || ms[0].NoteID != n.ID || ms[0].AuthorName != "caseworker" || ms[0].MemberID != "husband" {
			t.Errorf("the representative's mentions: %+v, %v", ms, err)
		}
		if ms, err := s.Mentioned(ctx, o.worker, 0); err != nil || len(ms) != 0 {
			t.Errorf("the caseworker's mentions: %+v, %v", ms, err)
		}
		notes, err := s.Notes(ctx, o.admin, o.family.ID)
		if err != nil || len(notes) != 1 {
			t.Fatalf("notes: %v %v", notes, err)
		}
		if got := notes[0]; got.Body != n.Body || got.AuthorName != "caseworker" || got.MemberID != "husband" || !slices.Equal(got.Mentions, n.Mentions) {
			t.Errorf("note read back: %+v", got)
		}
		if _, err := s.SendMessage(ctx, o.client, o.family.ID, "Ruth has a new phone"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SendMessage(ctx, o.worker, o.family.ID, "Thank you, we wrote it down"); err != nil {
			t.Fatal(err)
		}
		msgs, err := s.Messages(ctx, o.client, o.family.ID)
		if err != nil || len(msgs) != 2 || !msgs[0].FromClient || msgs[1].FromClient || msgs[0].Body != "Ruth has a new phone" {
			t.Fatalf("messages: %+v %v", msgs, err)
		}
		// Messages and notes are apart: the client never reads the team's notes.
		if _, err := s.Notes(ctx, o.client, o.family.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("client reading notes: %v", err)
		}
		if _, err := s.Messages(ctx, o.client, o.other.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("client reading another family's messages: %v", err)
		}

		tk, err := s.AddTaskFor(ctx, o.rep, NewTask{FamilyID: o.family.ID, MemberID: "husband", Title: "Passport copy", Due: date("2026-03-10"), AssigneeID: o.worker.UserID()})
		if err != nil {
			t.Fatal(err)
		}
		items, err := s.NeedsAction(ctx, o.admin, date("2026-03-31"), o.worker.UserID(), 0)
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, it := range items {
			if it.Kind == ActionTask {
				found = it.TaskID == tk.ID && it.AssigneeID == o.worker.UserID() && it.MemberID == "husband" && it.Due == date("2026-03-10")
			}
		}
		if !found {
			t.Errorf("needs action for the assignee lacks the task: %+v", items)
		}
		if items, _ := s.NeedsAction(ctx, o.admin, date("2026-03-31"), o.rep.UserID(), 0); slices.ContainsFunc(items, func(it ActionItem) bool { return it.Kind == ActionTask }) {
			t.Errorf("needs action for someone else shows the task: %+v", items)
		}
		if err := s.CompleteTask(ctx, o.worker, tk.ID); err != nil {
			t.Fatal(err)
		}
		items, _ = s.NeedsAction(ctx, o.admin, date("2026-03-31"), "", 0)
		if slices.ContainsFunc(items, func(it ActionItem) bool { return it.Kind == ActionTask }) {
			t.Errorf("a done task is still in needs action")
		}
	})
}

func FuzzMentions(f *testing.F) {
	for _, s := range []string{"@maria hi", "x@y.org", "@a.b. @c-d_e @", "@@x", "é@ü", "@maria."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Mentions(s)
		seen := map[string]bool{}
		for _, m := range got {
			if m == "" || seen[m] || strings.HasSuffix(m, ".") || !strings.Contains(s, "@"+m) {
				t.Fatalf("Mentions(%q) = %q", s, got)
			}
			for i := 0; i < len(m); i++ {
				if !loginByte(m[i]) {
					t.Fatalf("Mentions(%q) = %q: %q is not a login", s, got, m)
				}
			}
			seen[m] = true
		}
		// A text kept is valid UTF-8, not empty and within the bound.
		if kept, err := checkNoteBody(s); err == nil {
			if kept == "" || !utf8.ValidString(kept) || utf8.RuneCountInString(kept) > MaxNoteChars || strings.TrimSpace(kept) != kept {
				t.Fatalf("checkNoteBody(%q) kept %q", s, kept)
			}
		}
	})
}
