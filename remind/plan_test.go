package remind

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
)

func d(s string) reunite.Date {
	x, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

var today = d("2026-03-02")

func item(kind string, daysLeft int) Item {
	return Item{FamilyID: "f1", MemberID: "husband", Kind: kind, Due: today.AddDays(daysLeft)}
}

func TestDigestWindowAndAlerts(t *testing.T) {
	staff := Recipient{ID: "u1", Email: "u@example.org", Digest: true, Alerts: true}
	items := []Item{item("rfe_response", -2), item("adjustment_opens", -1), item("appointment", 0), item("noid_response", 7),
		item("motion_window", 8), item("visa_expires", 30), item("file_by", 31)}
	ms := Plan(today, staff, items)
	if len(ms) != 1 || ms[0].Kind != KindDigest {
		t.Fatalf("Plan = %+v, want one digest", ms)
	}
	var kinds []string
	for _, l := range ms[0].Lines {
		mark := ""
		if l.New {
			mark = "*"
		}
		kinds = append(kinds, l.Kind+mark)
	}
	// Overdue stays (not an opened window); 0 and 7 days are alerts; 31
	// days is past the digest.
	want := "rfe_response appointment* noid_response* motion_window visa_expires"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("digest lines = %s, want %s", got, want)
	}
	if dk, ok := ms[0].DigestKey(); !ok || dk != (Key{"u1", "digest", "digest", today}) {
		t.Errorf("DigestKey = %v, %v", dk, ok)
	}
	if ks := ms[0].AlertKeys(); len(ks) != 2 || ks[1] != (Key{"u1", "f1/husband/noid_response", KindAlert, today.AddDays(7)}) {
		t.Errorf("AlertKeys = %v", ks)
	}
}

func TestNothingDueNothingSent(t *testing.T) {
	for _, r := range []Recipient{{ID: "u1", Digest: true, Alerts: true}, {ID: "u1", Alerts: true}, {ID: "family:f1", FamilyID: "f1"}, {ID: "u1"}} {
		if ms := Plan(today, r, []Item{item("file_by", 31), item("rfe_response", 8)}); (r.Digest && len(ms) != 1) || (!r.Digest && len(ms) != 0) {
			t.Errorf("%+v: %d messages", r, len(ms))
		}
	}
}

func TestAlertsWithoutDigestAndClients(t *testing.T) {
	items := []Item{item("rfe_response", -1), item("appointment", 6), item("visa_expires", 7), item("medical_expires", 8)}
	for _, r := range []Recipient{{ID: "u1", Alerts: true}, {ID: "family:f1", FamilyID: "f1", Lang: "fa-AF"}} {
		ms := Plan(today, r, items)
		if len(ms) != 1 || len(ms[0].Lines) != 2 || ms[0].Lines[0].Kind != "appointment" || ms[0].Lines[1].Kind != "visa_expires" {
			t.Fatalf("%s: %+v", r.ID, ms)
		}
		if _, ok := ms[0].DigestKey(); ok {
			t.Errorf("%s: an alert has no digest key", r.ID)
		}
		if k := ms[0].AlertKeys()[0]; k.Recipient != r.ID || k.Day != today.AddDays(6) {
			t.Errorf("%s: alert key %+v", r.ID, k)
		}
	}
}

func TestClaimedAndAfterDigest(t *testing.T) {
	r := Recipient{ID: "u1", Digest: true, Alerts: true}
	m := Plan(today, r, []Item{item("appointment", 2), item("noid_response", 5), item("visa_expires", 20)})[0]
	keys := m.AlertKeys()
	// Only the second alert is new: the first went out before.
	got, ok := m.Claimed(keys[1:])
	if !ok || len(got.Lines) != 3 || got.Lines[0].New || !got.Lines[1].New {
		t.Errorf("Claimed digest = %+v", got.Lines)
	}
	// Today's digest went out already: the new alert goes alone.
	alert, ok := m.AfterDigest()
	if !ok || alert.Kind != KindAlert || len(alert.Lines) != 2 {
		t.Fatalf("AfterDigest = %+v, %v", alert, ok)
	}
	if got, ok := alert.Claimed(keys[1:]); !ok || len(got.Lines) != 1 || got.Lines[0].Kind != "noid_response" {
		t.Errorf("Claimed alert = %+v", got.Lines)
	}
	if _, ok := alert.Claimed(nil); ok {
		t.Error("an alert with nothing claimed is still sent")
	}
	if _, ok := Plan(today, Recipient{ID: "u1", Digest: true}, []Item{item("appointment", 2)})[0].AfterDigest(); ok {
		t.Error("AfterDigest for a recipient without alerts")
	}
}

func TestWriteKeepsNamesOut(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	staff := Recipient{ID: "u1", Email: "u@example.org", Digest: true, Alerts: true}
	it := item("rfe_response", 3)
	it.CheckNotice = true
	m := Plan(today, staff, []Item{item("appointment", -3), it, item("visa_expires", 12)})[0]
	mail := Write(m, langs["en"], "https://r.example")
	for _, want := range []string{"Overdue\n- Appointment: 27 February 2026 (3 days late)", "Due within 7 days\n- Response to the request for evidence due: 5 March 2026 (in 3 days) [new] [a default date: check the notice]",
		"Due within 30 days\n- Travel document expires: 14 March 2026 (in 12 days)", "  https://r.example/families/f1\n", "https://r.example/reminders"} {
		if !strings.Contains(mail.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, mail.Body)
		}
	}
	if mail.Subject != "Reunite: 3 dates due in the next 30 days" || mail.To != "u@example.org" {
		t.Errorf("subject %q to %q", mail.Subject, mail.To)
	}
	client := Plan(today, Recipient{ID: "family:f1", FamilyID: "f1", Email: "c@example.org", Lang: "ar"}, []Item{item("appointment", 1)})[0]
	ar := Write(client, langs["ar"], "https://r.example")
	if ar.Subject != langs["ar"].T("rem.client.subject") || !strings.Contains(ar.Body, langs["ar"].T("rem.client.kind.appointment")) ||
		!strings.Contains(ar.Body, langs["ar"].T("rem.days", "n", 1)) {
		t.Errorf("Arabic client reminder:\n%s\n%s", ar.Subject, ar.Body)
	}
}
