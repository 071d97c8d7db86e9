package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// recordEvents records events of a family's husband as its caseworker.
func recordEvents(t *testing.T, e *env, family string, evs ...tracking.Event) {
	t.Helper()
	var in []store.NewPetitionEvent
	for _, x := range evs {
		in = append(in, store.NewPetitionEvent{FamilyID: family, MemberID: "husband", Event: x})
	}
	if _, err := e.st.AddPetitionEvents(context.Background(), e.east.worker, in); err != nil {
		t.Fatal(err)
	}
}

// rfeOffice gives east's first family a petition waiting on an RFE due on
// 2026-03-12, its caseworker responsible for it.
func rfeOffice(t *testing.T, e *env) {
	t.Helper()
	recordEvents(t, e, e.east.family,
		tracking.Event{Kind: tracking.Mailed, Date: date("2026-01-05")},
		tracking.Event{Kind: tracking.ReceiptNotice, Date: date("2026-01-20"), Receipt: "IOE0912345678"},
		tracking.Event{Kind: tracking.RFE, Date: date("2026-02-20"), Due: date("2026-03-12")})
	if err := e.st.Assign(context.Background(), e.east.admin, e.east.family, e.east.worker.UserID(), ""); err != nil {
		t.Fatal(err)
	}
}

var feedURL = regexp.MustCompile(`<code dir="ltr" id="feed-url">([^<]+)</code>`)

// makeFeed makes a calendar feed on the reminders page and returns its
// address on the test server.
func makeFeed(t *testing.T, e *env, b *browser, names bool) string {
	t.Helper()
	form := url.Values{}
	if names {
		form.Set("names", "on")
	}
	p := b.post("/reminders/feed", form)
	wantStatus(t, p, http.StatusOK)
	m := feedURL.FindStringSubmatch(p.Body)
	if m == nil || !strings.HasPrefix(m[1], testBaseURL+"/calendar/") {
		t.Fatalf("no feed address on the page:\n%.2000s", p.Body)
	}
	return e.srv.URL + strings.TrimPrefix(m[1], testBaseURL)
}

// fetchFeed fetches a feed without a session and parses it with a real
// iCalendar library.
func fetchFeed(t *testing.T, u string) (int, *ics.Calendar) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	cal, err := ics.ParseCalendar(resp.Body)
	if err != nil {
		t.Fatalf("the feed does not parse: %v", err)
	}
	return resp.StatusCode, cal
}

// rfeEvent finds the event of the RFE's due date.
func rfeEvent(t *testing.T, cal *ics.Calendar) *ics.VEvent {
	t.Helper()
	for _, ev := range cal.Events() {
		if d, err := ev.GetAllDayStartAt(); err == nil && d.Format("2006-01-02") == "2026-03-12" {
			return ev
		}
	}
	t.Fatalf("no event on 2026-03-12 among %d", len(cal.Events()))
	return nil
}

func TestCalendarFeedParsesAndIsRevoked(t *testing.T) {
	e := newEnv(t).withOffices()
	rfeOffice(t, e)
	b := e.browser().login(e.east.logins[store.RoleCaseworker])

	plain := makeFeed(t, e, b, false)
	code, cal := fetchFeed(t, plain)
	if code != http.StatusOK {
		t.Fatalf("feed: %d", code)
	}
	ev := rfeEvent(t, cal)
	summary := ev.GetProperty(ics.ComponentPropertySummary).Value
	if summary != "Reunite: Response to the request for evidence due" {
		t.Errorf("summary = %q", summary)
	}
	if d := ev.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(d, testBaseURL+"/families/"+e.east.family) {
		t.Errorf("description = %q, want the family's link", d)
	}
	if n := len(ev.Alarms()); n != 2 {
		t.Errorf("%d alarms, want 7 days and 1 day before", n)
	}
	for _, x := range cal.Events() {
		for _, name := range []string{"Tesfaye", "Selam", "Haile", "Dawit", "Okonkwo"} {
			if s := x.GetProperty(ics.ComponentPropertySummary).Value; strings.Contains(s, name) {
				t.Errorf("a feed without names names %q: %q", name, s)
			}
		}
	}

	// A feed with names replaces the first: the old address stops.
	named := makeFeed(t, e, b, true)
	if code, _ := fetchFeed(t, plain); code != http.StatusNotFound {
		t.Errorf("the replaced feed: %d, want 404", code)
	}
	_, cal = fetchFeed(t, named)
	if s := rfeEvent(t, cal).GetProperty(ics.ComponentPropertySummary).Value; !strings.Contains(s, "Selam Tesfaye") {
		t.Errorf("a feed with names: summary %q", s)
	}
	// Another office's caseworker sees nothing of it; revoking stops it.
	page := b.get("/reminders")
	m := regexp.MustCompile(`action="/reminders/feed/([^/"]+)/revoke"`).FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("no revoke button:\n%.2000s", page.Body)
	}
	west := e.browser().login(e.west.logins[store.RoleCaseworker])
	wantStatus(t, west.post("/reminders/feed/"+m[1]+"/revoke", nil), http.StatusNotFound)
	wantStatus(t, b.post("/reminders/feed/"+m[1]+"/revoke", nil), http.StatusSeeOther)
	if code, _ := fetchFeed(t, named); code != http.StatusNotFound {
		t.Errorf("the revoked feed: %d, want 404", code)
	}
	wantBody(t, b.get("/reminders"), "You have no calendar address.")
}

func TestCalendarFeedIsRateLimited(t *testing.T) {
	e := newEnv(t)
	codes := map[int]int{}
	for range feedBurst + 5 {
		resp, err := http.Get(e.srv.URL + "/calendar/guess.ics")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
	}
	if codes[http.StatusNotFound] != feedBurst || codes[http.StatusTooManyRequests] != 5 {
		t.Errorf("answers = %v, want %d not found then 5 too many", codes, feedBurst)
	}
}

func TestReminderPages(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins[store.RoleCaseworker])
	p := b.get("/reminders")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "This server does not send e-mail yet")
	p = b.post("/reminders", url.Values{"email": {"Selam <s@example.org>"}, "digest": {"on"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "This is not an e-mail address", `value="Selam &lt;s@example.org&gt;"`)
	p = b.post("/reminders", url.Values{"email": {"worker@example.org"}, "digest": {"on"}})
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "Saved.", `value="worker@example.org"`, `name="digest" checked`)
	if rs, err := e.st.OwnReminders(context.Background(), e.east.worker); err != nil || !rs.Digest || rs.Alerts {
		t.Errorf("stored settings = %+v, %v", rs, err)
	}

	fam := "/families/" + e.east.family + "/reminders"
	p = b.post(fam, url.Values{"email": {"selam@example.org"}, "lang": {"fa-AF"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "Tick the box only when the client has agreed", "No reminders go to the client.")
	p = b.post(fam, url.Values{"email": {"selam@example.org"}, "lang": {"fa-AF"}, "agreed": {"on"}})
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "The client agreed on 2 March 2026.", `<option value="fa-AF" lang="fa-AF" selected>`)
	p = b.post(fam, url.Values{"stop": {"1"}})
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "No reminders go to the client.")
	if cr, err := e.st.ClientReminderOf(context.Background(), e.east.worker, e.east.family); err != nil || cr.Email != "" {
		t.Errorf("after stopping: %+v, %v", cr, err)
	}
}
