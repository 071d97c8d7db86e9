// Package round runs the reminder round: it reads who wants reminders and
// what is due from the store, lets package remind plan and write the
// messages, claims each reminder in the store before sending it (so that a
// restart, a second server or a second round never sends it again) and
// sends through a Sender. `reunite serve` runs it daily on a ticker and
// `reunite remind` once, or as a preview with --dry-run.
package round

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/remind"
	"github.com/reunite/reunite/store"
)

// Sender delivers one message (remind/mailer.Mailer).
type Sender interface {
	Send(ctx context.Context, m remind.Mail) error
}

// Round is the reminder round's configuration.
type Round struct {
	Store   *store.Store
	Sender  Sender // nil: a preview only
	Langs   map[string]*i18n.Lang
	BaseURL string // where users reach the application, for the links
	Log     *slog.Logger
}

// Report says what a round did.
type Report struct {
	Sent     int
	Failed   int
	Previews []remind.Mail // with dryRun: what would go out
}

// Run does the reminders of day. With dryRun nothing is claimed or sent:
// the messages that would go out (leaving out reminders already sent) are
// returned. A message that cannot be sent is released for the next round
// and counted in Failed; Run goes on with the others.
func (r *Round) Run(ctx context.Context, day reunite.Date, dryRun bool) (rep Report, err error) {
	if r.Sender == nil && !dryRun {
		return rep, errors.New("remind: no mail server configured")
	}
	recips, err := r.Store.ReminderRecipients(ctx)
	if err != nil {
		return rep, err
	}
	for _, rc := range recips {
		var items []store.ActionItem
		if rc.Client() {
			items, err = r.Store.FamilyDue(ctx, rc.Actor, rc.FamilyID, day.AddDays(remind.AlertDays))
		} else {
			items, err = r.Store.NeedsAction(ctx, rc.Actor, day.AddDays(remind.DigestDays), rc.Actor.UserID(), 0)
		}
		if err != nil {
			return rep, err
		}
		for _, m := range remind.Plan(day, recipient(rc), remindItems(items)) {
			if err := r.deliver(ctx, rc, m, dryRun, &rep); err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

func recipient(rc store.ReminderRecipient) remind.Recipient {
	return remind.Recipient{ID: rc.ID, FamilyID: rc.FamilyID, Email: rc.Email, Lang: rc.Lang, Digest: rc.Digest, Alerts: rc.Alerts}
}

func remindItems(items []store.ActionItem) []remind.Item {
	out := make([]remind.Item, 0, len(items))
	for _, it := range items {
		out = append(out, remind.Item{FamilyID: it.FamilyID, MemberID: it.MemberID, Kind: it.Kind, Due: it.Due, CheckNotice: it.CheckNotice})
	}
	return out
}

// deliver claims what m stands for, writes and sends it, and records it as
// sent, or releases the claims when sending failed.
func (r *Round) deliver(ctx context.Context, rc store.ReminderRecipient, m remind.Message, dryRun bool, rep *Report) error {
	claim := func(keys []remind.Key) ([]remind.Key, error) {
		if dryRun {
			return r.unclaimed(ctx, keys)
		}
		got, err := r.Store.ClaimReminders(ctx, rc.Actor.OrgID(), storeKeys(keys))
		return remindKeys(got), err
	}
	var held []remind.Key
	if dk, ok := m.DigestKey(); ok {
		got, err := claim([]remind.Key{dk})
		if err != nil {
			return err
		}
		if len(got) == 0 { // today's digest went out already
			if m, ok = m.AfterDigest(); !ok {
				return nil
			}
		}
		held = append(held, got...)
	}
	got, err := claim(m.AlertKeys())
	if err != nil {
		return err
	}
	held = append(held, got...)
	m, ok := m.Claimed(got)
	if !ok {
		return nil
	}
	l := r.Langs["en"]
	if rc.Client() && r.Langs[rc.Lang] != nil {
		l = r.Langs[rc.Lang]
	}
	mail := remind.Write(m, l, r.BaseURL)
	if dryRun {
		rep.Previews = append(rep.Previews, mail)
		return nil
	}
	if err := r.Sender.Send(ctx, mail); err != nil {
		rep.Failed++
		r.log().Warn("reminder not sent; it will be tried again", slog.String("recipient", rc.ID),
			slog.String("kind", m.Kind), slog.Any("error", err))
		return r.Store.ReleaseReminders(ctx, storeKeys(held))
	}
	rep.Sent++
	return r.Store.RemindersSent(ctx, rc, m.Kind, storeKeys(held))
}

// unclaimed keeps the keys no round has claimed, for a preview.
func (r *Round) unclaimed(ctx context.Context, keys []remind.Key) ([]remind.Key, error) {
	done, err := r.Store.RemindersClaimed(ctx, storeKeys(keys))
	if err != nil {
		return nil, err
	}
	var out []remind.Key
	for i, k := range keys {
		if !done[i] {
			out = append(out, k)
		}
	}
	return out, nil
}

func storeKeys(keys []remind.Key) []store.ReminderKey {
	out := make([]store.ReminderKey, 0, len(keys))
	for _, k := range keys {
		out = append(out, store.ReminderKey(k))
	}
	return out
}

func remindKeys(keys []store.ReminderKey) []remind.Key {
	out := make([]remind.Key, 0, len(keys))
	for _, k := range keys {
		out = append(out, remind.Key(k))
	}
	return out
}

func (r *Round) log() *slog.Logger {
	if r.Log == nil {
		return slog.Default()
	}
	return r.Log
}

// Loop runs the round for today() at once and then at every tick, until
// ctx ends. A day whose round sent everything is not run again; a day with
// a failure is tried again at the next tick (what was sent is not resent).
func (r *Round) Loop(ctx context.Context, every time.Duration, today func() reunite.Date) {
	var done reunite.Date
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if day := today(); day != done {
			rep, err := r.Run(ctx, day, false)
			switch {
			case err != nil:
				if ctx.Err() == nil {
					r.log().Error("reminder round failed", slog.String("day", day.String()), slog.Any("error", err))
				}
			case rep.Failed == 0:
				done = day
			}
			if rep.Sent > 0 || rep.Failed > 0 {
				r.log().Info("reminder round", slog.String("day", day.String()), slog.Int("sent", rep.Sent), slog.Int("failed", rep.Failed))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
