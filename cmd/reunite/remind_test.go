package main

import (
	"bytes"
	"context"
	"flag"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite/internal/smtptest"
	"github.com/reunite/reunite/store"
)

// reminderOffice imports a family whose husband's petition has an RFE
// due on due, and makes the local administrator responsible for it, with
// the digest and alerts on.
func reminderOffice(t *testing.T, se *storeEnv, due time.Time) string {
	t.Helper()
	fam := se.importGood()
	day := func(d int) string { return due.AddDate(0, 0, d).Format("2006-01-02") }
	for _, args := range [][]string{
		{"events", "add", fam, "husband", "mailed", "--date", day(-90)},
		{"events", "add", fam, "husband", "receipt", "--date", day(-70), "--receipt", "SRC-26-123-45678"},
		{"events", "add", fam, "husband", "rfe", "--date", day(-30), "--due", day(0)},
	} {
		if code, _, errs := se.run(args...); code != exitOK {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	ctx := context.Background()
	sf := addStoreFlags(flag.NewFlagSet("t", flag.ContinueOnError))
	st, a, _, err := sf.openStore(ctx, &env{Stderr: &bytes.Buffer{}, Getenv: func(k string) string { return se.vars[k] }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetOwnReminders(ctx, a, store.ReminderSettings{Email: "me@example.org", Digest: true, Alerts: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.Assign(ctx, a, fam, a.UserID(), ""); err != nil {
		t.Fatal(err)
	}
	return fam
}

func TestRemindDryRun(t *testing.T) {
	se := newStoreEnv(t)
	fam := reminderOffice(t, se, time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC))
	var code int
	var out, errs string
	if code, _, errs := se.run("remind", "--base-url", "https://reunite.example.org"); code != exitUsage || !strings.Contains(errs, "--smtp-host") {
		t.Errorf("remind without a mail server: %d %s", code, errs)
	}
	if code, _, errs := se.run("remind", "--dry-run"); code != exitUsage || !strings.Contains(errs, "base URL") {
		t.Errorf("remind without a base URL: %d %s", code, errs)
	}
	if code, _, errs := se.run("remind", "--base-url", "https://r.example.org", "--smtp-host", "mail", "--smtp-from", "r@example.org", "--smtp-tls", "ssl"); code != exitUsage || !strings.Contains(errs, "smtp tls") {
		t.Errorf("remind with a bad TLS mode: %d %s", code, errs)
	}
	for range 2 { // a preview records nothing: the second shows the same
		code, out, errs = se.run("remind", "--dry-run", "--day", "2026-10-10", "--base-url", "https://reunite.example.org")
		for _, want := range []string{"To: me@example.org\nSubject: Reunite: 1 date due in the next 30 days",
			"Response to the request for evidence due: 15 October 2026 (in 5 days) [new]",
			"https://reunite.example.org/families/" + fam, "1 message(s) would be sent for 2026-10-10; nothing was sent or recorded."} {
			if code != exitOK || !strings.Contains(out, want) {
				t.Errorf("remind --dry-run: %d, lacks %q:\n%s%s", code, want, out, errs)
			}
		}
		if strings.Contains(out, "Tesfaye") || strings.Contains(out, "Haile") {
			t.Errorf("the preview names the family:\n%s", out)
		}
	}
}

// TestServeSendsReminders: `reunite serve` with a mail server sends the
// day's digest by itself, once, and stops with the server.
func TestServeSendsReminders(t *testing.T) {
	se := newStoreEnv(t)
	fam := reminderOffice(t, se, time.Now().UTC().AddDate(0, 0, 5))
	mail := smtptest.StartNoAuth(t)
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	e := &env{Stdin: strings.NewReader(""), Stdout: out, Stderr: errOut, Getenv: func(k string) string { return se.vars[k] }}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, []string{"serve", "--addr", "127.0.0.1:0", "--base-url", "https://reunite.example.org",
			"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(mail.Port()), "--smtp-tls", "none", "--smtp-from", "reminders@example.org",
			"--remind-every", "50ms"})
	}()
	for i := 0; i < 200 && len(mail.Messages()) == 0; i++ {
		time.Sleep(25 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a few more ticks: nothing more may go out
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("serve: %d %s", code, errOut.String())
	}
	got := mail.Messages()
	if len(got) != 1 || got[0].To != "me@example.org" || got[0].Subject != "Reunite: 1 date due in the next 30 days" ||
		!strings.Contains(got[0].Body, "https://reunite.example.org/families/"+fam) || !strings.Contains(got[0].Body, "(in 5 days) [new]") {
		t.Fatalf("serve sent %d message(s): %+v\n%s", len(got), got, errOut.String())
	}
}
