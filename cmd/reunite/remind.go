package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/remind/mailer"
	"github.com/reunite/reunite/remind/round"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web"
)

func init() {
	register(command{Name: "remind", Summary: "send today's e-mail reminders now, or preview them with --dry-run", Run: runRemind})
}

func runRemind(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("remind", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	mf := addMailFlags(fs)
	dry := fs.Bool("dry-run", false, "print what would be sent, and send and record nothing")
	baseURL := fs.String("base-url", "", "the address users reach the application at, for the links (env REUNITE_BASE_URL)")
	var day reunite.Date
	fs.Var(dateFlag{&day}, "day", "the day of the reminders (default today)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite remind [--dry-run] [--day DAY] --base-url URL [--smtp-host HOST ...]\n\n"+
			"Sends each user's digest of what is due in 1, 7 and 30 days, the alerts of what became due within\n"+
			"7 days, and the reminders clients agreed to, as `reunite serve` does every day by itself. Each\n"+
			"reminder is recorded before it is sent and is never sent twice.")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 0 {
		fs.Usage()
		return exitUsage
	}
	base, err := web.CheckBaseURL(firstOf(*baseURL, e.Getenv("REUNITE_BASE_URL")))
	if err != nil {
		return fail(e, "remind: --base-url", exitUsage, err)
	}
	m, err := mf.mailer(e)
	if err != nil {
		return fail(e, "remind", exitUsage, err)
	}
	if m == nil && !*dry {
		return fail(e, "remind", exitUsage, errors.New("no mail server: give --smtp-host (or REUNITE_SMTP_HOST), or --dry-run"))
	}
	if day.IsZero() {
		day = reunite.DateOf(time.Now().UTC())
	}
	langs, err := i18n.Load()
	if err != nil {
		return fail(e, "remind", exitFailure, err)
	}
	st, _, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return fail(e, "remind", exitFailure, err)
	}
	defer st.Close()
	r := &round.Round{Store: st, Langs: langs, BaseURL: base, Log: slog.New(slog.NewTextHandler(e.Stderr, nil))}
	if m != nil {
		r.Sender = m
	}
	rep, err := r.Run(ctx, day, *dry)
	if err != nil {
		return fail(e, "remind", exitFailure, err)
	}
	if *dry {
		for _, p := range rep.Previews {
			fmt.Fprintf(e.Stdout, "To: %s\nSubject: %s\n\n%s\n", p.To, p.Subject, p.Body)
		}
		fmt.Fprintf(e.Stdout, "%d message(s) would be sent for %s; nothing was sent or recorded.\n", len(rep.Previews), day)
		return exitOK
	}
	fmt.Fprintf(e.Stdout, "%d message(s) sent for %s, %d failed (tried again at the next round).\n", rep.Sent, day, rep.Failed)
	if rep.Failed > 0 {
		return exitFailure
	}
	return exitOK
}

// startReminders runs the reminder round in the background of `reunite
// serve`: once at start, then every tick, for the day of the clock; stop
// ends it and waits. Without a mail server it does nothing.
func startReminders(ctx context.Context, st *store.Store, m *mailer.Mailer, base string, every time.Duration, log *slog.Logger) (stop func(), err error) {
	if m == nil || every <= 0 {
		return func() {}, nil
	}
	langs, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	r := &round.Round{Store: st, Sender: m, Langs: langs, BaseURL: base, Log: log}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Loop(ctx, every, func() reunite.Date { return reunite.DateOf(time.Now().UTC()) })
	}()
	log.Info("e-mail reminders on", slog.String("server", m.Describe()))
	return func() { cancel(); <-done }, nil
}
