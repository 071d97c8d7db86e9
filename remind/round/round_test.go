package round

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/internal/smtptest"
	"github.com/reunite/reunite/internal/testdb"
	"github.com/reunite/reunite/remind/mailer"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

var pg *testdb.Cluster

func TestMain(m *testing.M) {
	c, err := testdb.Main()
	if err != nil {
		fmt.Fprintln(os.Stderr, "remind tests:", err)
		os.Exit(1)
	}
	pg = c
	code := m.Run()
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

const baseURL = "https://reunite.example-legal-aid.org"

// The day of the round: the RFE's printed due date is 4 days later.
var (
	clock = time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	day   = reunite.DateOf(clock)
)

func mustDate(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// office is a database with a caseworker who wants the digest and the
// alerts, responsible for the Tesfaye family whose husband's petition has
// an RFE due on 2026-03-06, and Selam Tesfaye's agreement to reminders in
// Dari.
type office struct {
	dsn    string
	keys   store.Keys
	worker store.Actor
	family string
}

func newOffice(t *testing.T, dsn string) (*store.Store, *office) {
	t.Helper()
	ctx := context.Background()
	k, err := store.GenerateMasterKey()
	if err != nil {
		t.Fatal(err)
	}
	o := &office{dsn: dsn, keys: store.Keys{Current: k}}
	st := o.open(t)
	admin, err := st.CreateOrg(ctx, "East", store.NewUser{Login: "east-admin", Name: "Admin"})
	if err != nil {
		t.Fatal(err)
	}
	fam := &reunite.Family{
		Format: reunite.CaseFormat,
		Principal: reunite.Principal{Name: reunite.Name{Family: "Tesfaye", Given: "Selam"}, BirthDate: reunite.BornOn(mustDate("1985-04-12")),
			Sex: reunite.Female, Status: reunite.Asylee, AsylumFiled: mustDate("2023-08-14"), StatusDate: mustDate("2025-06-10")},
		Members: []reunite.Member{{ID: "husband", Relationship: reunite.Spouse, Name: reunite.Name{Family: "Haile", Given: "Dawit"},
			BirthDate: reunite.BornOn(mustDate("1983-09-01")), Sex: reunite.Male, MaritalStatus: reunite.Married, Location: reunite.OutsideUS,
			Marriage: &reunite.Marriage{Date: mustDate("2010-06-20"), Form: reunite.CivilMarriage}}},
	}
	rec, err := st.CreateFamily(ctx, admin, fam)
	if err != nil {
		t.Fatal(err)
	}
	o.family = rec.ID
	id, err := st.CreateUser(ctx, admin, store.NewUser{Login: "east-worker", Name: "Worker", Role: store.RoleCaseworker})
	if err != nil {
		t.Fatal(err)
	}
	if o.worker, err = st.ActorFor(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := st.Assign(ctx, admin, o.family, id, ""); err != nil {
		t.Fatal(err)
	}
	ev := func(e tracking.Event) store.NewPetitionEvent {
		return store.NewPetitionEvent{FamilyID: o.family, MemberID: "husband", Event: e}
	}
	if _, err := st.AddPetitionEvents(ctx, o.worker, []store.NewPetitionEvent{
		ev(tracking.Event{Kind: tracking.Mailed, Date: mustDate("2026-01-05")}),
		ev(tracking.Event{Kind: tracking.ReceiptNotice, Date: mustDate("2026-01-20"), Receipt: "IOE0912345678"}),
		ev(tracking.Event{Kind: tracking.RFE, Date: mustDate("2026-02-20"), Due: mustDate("2026-03-06")}),
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOwnReminders(ctx, o.worker, store.ReminderSettings{Email: "worker@example.org", Digest: true, Alerts: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetClientReminder(ctx, o.worker, o.family, "selam@example.org", "fa-AF"); err != nil {
		t.Fatal(err)
	}
	return st, o
}

func (o *office) open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{DSN: o.dsn, Keys: o.keys, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newRound(t *testing.T, st *store.Store, srv *smtptest.Server, port int) *Round {
	t.Helper()
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := mailer.New(mailer.Config{Host: "127.0.0.1", Port: port, User: smtptest.User, Password: smtptest.Password,
		From: "reminders@example-legal-aid.org", TLS: mailer.StartTLS, RootCAs: srv.Roots, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return &Round{Store: st, Sender: m, Langs: langs, BaseURL: baseURL, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// forEachEngine runs fn on a fresh SQLite database and a fresh PostgreSQL one.
func forEachEngine(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "sqlite:"+filepath.Join(t.TempDir(), "reunite.db")) })
	t.Run("postgres", func(t *testing.T) {
		if pg == nil {
			t.Skip("!! PostgreSQL NOT INSTALLED: this PostgreSQL test is skipped")
		}
		fn(t, pg.NewDatabase(t))
	})
}

// names are what no subject (and no body) may hold.
var names = []string{"Tesfaye", "Selam", "Haile", "Dawit"}

func TestRoundSendsOnceOverRealSMTP(t *testing.T) {
	forEachEngine(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st, o := newOffice(t, dsn)
		srv := smtptest.Start(t)
		r := newRound(t, st, srv, srv.Port())

		// The preview sends and claims nothing.
		rep, err := r.Run(ctx, day, true)
		if err != nil || len(rep.Previews) != 2 || len(srv.Messages()) != 0 {
			t.Fatalf("dry run: %d previews, %d received, %v", len(rep.Previews), len(srv.Messages()), err)
		}
		rep, err = r.Run(ctx, day, false)
		if err != nil || rep.Sent != 2 || rep.Failed != 0 {
			t.Fatalf("round: %+v, %v", rep, err)
		}
		got := srv.Messages()
		if len(got) != 2 {
			t.Fatalf("received %d messages, want the digest and the client's reminder", len(got))
		}
		byTo := map[string]smtptest.Message{}
		for _, m := range got {
			byTo[m.To] = m
			if !m.TLS {
				t.Errorf("message to %s did not come over STARTTLS", m.To)
			}
			for _, n := range names {
				if strings.Contains(m.Subject, n) || strings.Contains(m.Body, n) {
					t.Errorf("message to %s names %q: %q", m.To, n, m.Subject)
				}
			}
		}
		digest := byTo["worker@example.org"]
		if digest.Subject != "Reunite: 1 date due in the next 30 days" {
			t.Errorf("digest subject = %q", digest.Subject)
		}
		for _, want := range []string{"Due within 7 days", "Response to the request for evidence due: 6 March 2026 (in 4 days) [new]",
			baseURL + "/families/" + o.family, baseURL + "/due?assignee=" + o.worker.UserID()} {
			if !strings.Contains(digest.Body, want) {
				t.Errorf("digest body lacks %q:\n%s", want, digest.Body)
			}
		}
		// The client's reminder is in Dari, from the catalog.
		langs, _ := i18n.Load()
		dari := langs["fa-AF"]
		client := byTo["selam@example.org"]
		if client.Subject != dari.T("rem.client.subject") || !strings.Contains(client.Body, dari.T("rem.client.kind.rfe_response")) ||
			!strings.Contains(client.Body, baseURL+"/families/"+o.family) {
			t.Errorf("client reminder not in Dari: %q\n%s", client.Subject, client.Body)
		}
		if !strings.Contains(string(client.Raw), "=?UTF-8?") && !strings.Contains(string(client.Raw), "=?utf-8?") {
			t.Errorf("the Dari subject is not encoded for mail headers:\n%s", client.Raw)
		}

		// Again, and after a restart: nothing more goes out.
		if rep, err := r.Run(ctx, day, false); err != nil || rep.Sent != 0 {
			t.Errorf("second round: %+v, %v", rep, err)
		}
		st.Close()
		st2 := o.open(t)
		r2 := newRound(t, st2, srv, srv.Port())
		if rep, err := r2.Run(ctx, day, false); err != nil || rep.Sent != 0 {
			t.Errorf("round after a restart: %+v, %v", rep, err)
		}
		if rep, err := r2.Run(ctx, day, true); err != nil || len(rep.Previews) != 0 {
			t.Errorf("preview after the round: %d messages, %v", len(rep.Previews), err)
		}
		if n := len(srv.Messages()); n != 2 {
			t.Fatalf("received %d messages in all, want 2", n)
		}

		// The next day: a new digest, the RFE no longer new; no second
		// alert to anyone.
		rep, err = r2.Run(ctx, day.AddDays(1), false)
		if err != nil || rep.Sent != 1 {
			t.Fatalf("next day: %+v, %v", rep, err)
		}
		next := srv.Messages()[2]
		if next.To != "worker@example.org" || strings.Contains(next.Body, "[new]") || !strings.Contains(next.Body, "(in 3 days)") {
			t.Errorf("next day's digest to %s:\n%s", next.To, next.Body)
		}
	})
}

func TestFailedSendIsRetriedNotLost(t *testing.T) {
	forEachEngine(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st, _ := newOffice(t, dsn)
		srv := smtptest.Start(t)
		// A port nobody listens on: the server is down.
		ln := smtptest.Start(t)
		ln.Close()
		down := newRound(t, st, srv, ln.Port())
		rep, err := down.Run(ctx, day, false)
		if err != nil || rep.Sent != 0 || rep.Failed != 2 {
			t.Fatalf("round with the mail server down: %+v, %v", rep, err)
		}
		up := newRound(t, st, srv, srv.Port())
		if rep, err := up.Run(ctx, day, false); err != nil || rep.Sent != 2 {
			t.Fatalf("round once the server is back: %+v, %v", rep, err)
		}
		if n := len(srv.Messages()); n != 2 {
			t.Errorf("received %d messages, want 2", n)
		}
	})
}

func TestWrongPasswordIsNotSent(t *testing.T) {
	ctx := context.Background()
	st, _ := newOffice(t, "sqlite:"+filepath.Join(t.TempDir(), "reunite.db"))
	srv := smtptest.Start(t)
	r := newRound(t, st, srv, srv.Port())
	srv.SetPassword("changed")
	if rep, err := r.Run(ctx, day, false); err != nil || rep.Failed != 2 || len(srv.Messages()) != 0 {
		t.Errorf("with a wrong password: %+v, %v, %d received", rep, err, len(srv.Messages()))
	}
}

func TestLoopStops(t *testing.T) {
	st, _ := newOffice(t, "sqlite:"+filepath.Join(t.TempDir(), "reunite.db"))
	srv := smtptest.Start(t)
	r := newRound(t, st, srv, srv.Port())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Loop(ctx, time.Hour, func() reunite.Date { return day }); close(done) }()
	for i := 0; i < 200 && len(srv.Messages()) < 2; i++ {
		time.Sleep(25 * time.Millisecond)
	}
	cancel()
	<-done
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("the loop's first round sent %d messages, want 2", n)
	}
}

// TestClaimedBeforeACrashIsNotResent: a server that stopped after claiming
// the worker's digest and alert but before sending them (the rows say
// "sending") does not send them again after a restart; the client's
// reminder, never claimed, goes out.
func TestClaimedBeforeACrashIsNotResent(t *testing.T) {
	ctx := context.Background()
	st, o := newOffice(t, "sqlite:"+filepath.Join(t.TempDir(), "reunite.db"))
	w := o.worker.UserID()
	if _, err := st.ClaimReminders(ctx, o.worker.OrgID(), []store.ReminderKey{
		{Recipient: w, Item: "digest", Kind: "digest", Day: day},
		{Recipient: w, Item: o.family + "/husband/rfe_response", Kind: "alert", Day: mustDate("2026-03-06")},
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	srv := smtptest.Start(t)
	rep, err := newRound(t, o.open(t), srv, srv.Port()).Run(ctx, day, false)
	if err != nil || rep.Sent != 1 {
		t.Fatalf("round after the crash: %+v, %v", rep, err)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].To != "selam@example.org" {
		t.Errorf("sent %+v, want only the client's reminder", got)
	}
}
