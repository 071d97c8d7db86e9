package store

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/reunite/reunite/tracking"
)

func init() {
	opRoles["StageCounts"] = []Role{RoleAdmin}
	opRoles["PetitionHistories"] = []Role{RoleAdmin}
	opRoles["SetManager"] = []Role{RoleAdmin}
	opRoles["SetClientReminder"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	opRoles["ClientReminderOf"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	opRoles["FamilyDue"] = []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	ops = append(ops,
		op{"SetClientReminder", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			return nil, s.SetClientReminder(ctx, a, fam, "client@example.org", "fa-AF")
		}},
		op{"ClientReminderOf", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.ClientReminderOf(ctx, a, fam)
			return nil, err
		}},
		op{"FamilyDue", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			items, err := s.FamilyDue(ctx, a, fam, date("2030-01-01"))
			var ids []string
			for _, it := range items {
				ids = append(ids, it.FamilyID)
			}
			return ids, err
		}},
		op{"StageCounts", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.StageCounts(ctx, a)
			return nil, err
		}},
		op{"PetitionHistories", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.PetitionHistories(ctx, a)
			return nil, err
		}},
		op{"SetManager", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			return nil, s.SetManager(ctx, a, tg.userID, true)
		}},
	)
}

func TestReminderSettingsSealed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "rem")
		if err := s.SetOwnReminders(ctx, o.worker, ReminderSettings{Email: "Selam Tesfaye <cw@example.org>"}); !errors.Is(err, ErrInvalid) ||
			!strings.Contains(err.Error(), "e-mail address") {
			t.Errorf("an address with a name: %v, want ErrInvalid naming the e-mail address", err)
		}
		if err := s.SetOwnReminders(ctx, o.client, ReminderSettings{Email: "c@example.org"}); !errors.Is(err, ErrForbidden) {
			t.Errorf("a client's own reminders: %v, want ErrForbidden", err)
		}
		want := ReminderSettings{Email: "cw@example.org", Digest: true, Alerts: true}
		if err := s.SetOwnReminders(ctx, o.worker, want); err != nil {
			t.Fatal(err)
		}
		if got, err := s.OwnReminders(ctx, o.worker); err != nil || got != want {
			t.Errorf("OwnReminders = %+v, %v; want %+v", got, err, want)
		}
		if err := s.SetClientReminder(ctx, o.worker, o.family.ID, "selam@example.org", ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("a client reminder without a language: %v, want ErrInvalid", err)
		}
		if err := s.SetClientReminder(ctx, o.worker, o.family.ID, "selam@example.org", "fa-AF"); err != nil {
			t.Fatal(err)
		}
		cr, err := s.ClientReminderOf(ctx, o.rep, o.family.ID)
		if err != nil || cr.Email != "selam@example.org" || cr.Lang != "fa-AF" || !cr.OptedIn.Equal(testClock) {
			t.Errorf("ClientReminderOf = %+v, %v", cr, err)
		}
		// The addresses are sealed: no column holds them in clear.
		for _, q := range []string{`SELECT email_enc FROM remind_users`, `SELECT email_enc FROM remind_clients`} {
			var raw []byte
			if err := s.db.QueryRowContext(ctx, q).Scan(&raw); err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(raw, []byte("example.org")) {
				t.Errorf("%s: the address is stored in clear", q)
			}
		}
		rs, err := s.ReminderRecipients(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range rs {
			got[r.ID] = r.Email + " " + r.Lang
		}
		if len(rs) != 2 || got[o.worker.UserID()] != "cw@example.org " || got["family:"+o.family.ID] != "selam@example.org fa-AF" {
			t.Errorf("recipients = %v", got)
		}
		// A disabled caseworker gets nothing, and the client reminder they
		// recorded stops with them.
		if err := s.DisableUser(ctx, o.admin, o.worker.UserID()); err != nil {
			t.Fatal(err)
		}
		if rs, err := s.ReminderRecipients(ctx); err != nil || len(rs) != 0 {
			t.Errorf("after disabling: %d recipients, %v", len(rs), err)
		}
		if err := s.SetClientReminder(ctx, o.rep, o.family.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		if cr, err := s.ClientReminderOf(ctx, o.rep, o.family.ID); err != nil || cr.Email != "" {
			t.Errorf("after stopping: %+v, %v", cr, err)
		}
	})
}

func TestReminderClaimsSurviveARestart(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn, keys := newDSN(t, e), Keys{Current: testKey(t)}
		s := openAt(t, dsn, keys)
		o := newOffice(t, s, "claims")
		digest := ReminderKey{o.worker.UserID(), "digest", "digest", date("2026-03-02")}
		alert := ReminderKey{o.worker.UserID(), o.family.ID + "/husband/rfe_response", "alert", date("2026-03-06")}
		got, err := s.ClaimReminders(ctx, o.admin.OrgID(), []ReminderKey{digest, alert})
		if err != nil || len(got) != 2 {
			t.Fatalf("first claim = %v, %v", got, err)
		}
		if got, err := s.ClaimReminders(ctx, o.admin.OrgID(), []ReminderKey{digest, alert}); err != nil || len(got) != 0 {
			t.Errorf("second claim = %v, %v; want nothing", got, err)
		}
		// A failed send releases the claim; a sent one stays.
		r := ReminderRecipient{Actor: o.worker, ID: o.worker.UserID()}
		if err := s.RemindersSent(ctx, r, "digest", []ReminderKey{digest}); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseReminders(ctx, []ReminderKey{digest, alert}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s = openAt(t, dsn, keys)
		done, err := s.RemindersClaimed(ctx, []ReminderKey{digest, alert})
		if err != nil || !done[0] || done[1] {
			t.Errorf("after a restart: claimed = %v, %v; want the sent digest only", done, err)
		}
		if got, err := s.ClaimReminders(ctx, o.admin.OrgID(), []ReminderKey{digest, alert}); err != nil || len(got) != 1 || got[0] != alert {
			t.Errorf("claim after the restart = %v, %v; want the released alert", got, err)
		}
	})
}

func TestCalendarFeedRevoked(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "feed")
		if _, err := s.CreateCalendarFeed(ctx, o.client, randomHash(), false); !errors.Is(err, ErrForbidden) {
			t.Errorf("a client's feed: %v, want ErrForbidden", err)
		}
		first := randomHash()
		id, err := s.CreateCalendarFeed(ctx, o.worker, first, true)
		if err != nil {
			t.Fatal(err)
		}
		a, names, err := s.CalendarFeedActor(ctx, first)
		if err != nil || a.UserID() != o.worker.UserID() || !names {
			t.Errorf("CalendarFeedActor = %v, %v, %v", a, names, err)
		}
		var reads int
		if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor_id = ? AND detail = ?`),
			ActionFeedRead, o.worker.UserID(), id).Scan(&reads); err != nil || reads != 1 {
			t.Errorf("the feed's fetch is audited %d times, %v; want once", reads, err)
		}
		// A new feed stops the old one; revoking stops the new one.
		second := randomHash()
		if _, err := s.CreateCalendarFeed(ctx, o.worker, second, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.CalendarFeedActor(ctx, first); !errors.Is(err, ErrNotFound) {
			t.Errorf("the replaced feed: %v, want ErrNotFound", err)
		}
		feeds, err := s.CalendarFeeds(ctx, o.worker)
		if err != nil || len(feeds) != 2 || feeds[0].Revoked || !feeds[1].Revoked || feeds[1].ID != id {
			t.Errorf("CalendarFeeds = %+v, %v", feeds, err)
		}
		if err := s.RevokeCalendarFeed(ctx, o.rep, feeds[0].ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("revoking another user's feed: %v, want ErrNotFound", err)
		}
		if err := s.RevokeCalendarFeed(ctx, o.worker, feeds[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.CalendarFeedActor(ctx, second); !errors.Is(err, ErrNotFound) {
			t.Errorf("the revoked feed: %v, want ErrNotFound", err)
		}
	})
}

func TestOverviewForManagers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "ov")
		o := tg.o
		if _, err := s.StageCounts(ctx, o.worker); !errors.Is(err, ErrForbidden) {
			t.Errorf("a caseworker's overview: %v, want ErrForbidden", err)
		}
		if err := s.SetManager(ctx, o.admin, o.client.UserID(), true); !errors.Is(err, ErrInvalid) {
			t.Errorf("a client as manager: %v, want ErrInvalid", err)
		}
		if err := s.SetManager(ctx, o.admin, o.worker.UserID(), true); err != nil {
			t.Fatal(err)
		}
		counts, err := s.StageCounts(ctx, o.worker)
		if err != nil || counts[tracking.StPending] != 1 {
			t.Errorf("StageCounts = %v, %v; want one pending petition", counts, err)
		}
		hs, err := s.PetitionHistories(ctx, o.worker)
		if err != nil || len(hs) != 1 || len(hs[0]) != 2 || hs[0][1].Kind != tracking.ReceiptNotice {
			t.Errorf("PetitionHistories = %+v, %v", hs, err)
		}
		if ok, err := s.IsManager(ctx, o.worker); !ok || err != nil {
			t.Errorf("IsManager = %v, %v", ok, err)
		}
		if err := s.SetManager(ctx, o.admin, o.worker.UserID(), false); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.IsManager(ctx, o.worker); ok || err != nil {
			t.Errorf("IsManager after removal = %v, %v", ok, err)
		}
	})
}

// FuzzCheckEmail: an accepted address is accepted again unchanged, and
// holds no display name, no header break and no space.
func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"cw@example.org", "Selam <s@example.org>", " a@b.c ", "a@b\r\nBcc: x@y.z", "\"a b\"@c.d", "@", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := CheckEmail(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("%q: %v is not ErrInvalid", s, err)
			}
			return
		}
		if again, err := CheckEmail(got); err != nil || again != got {
			t.Fatalf("%q -> %q -> %q, %v", s, got, again, err)
		}
		if strings.ContainsAny(got, "<>\r\n") {
			t.Fatalf("%q accepted as %q", s, got)
		}
	})
}
