package store

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWebSessionsAndLinks(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		if has, err := s.HasUsers(ctx); err != nil || has {
			t.Fatalf("HasUsers on an empty database = %v, %v", has, err)
		}
		o := newOffice(t, s, "east")
		other := newOffice(t, s, "west")
		if has, _ := s.HasUsers(ctx); !has {
			t.Fatal("HasUsers = false after users were made")
		}

		// A caseworker invites the principal of one of her families.
		client, err := s.CreateClient(ctx, o.worker, o.family.ID, "selam", "Selam T")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateClient(ctx, o.worker, other.family.ID, "x", "X"); !errors.Is(err, ErrNotFound) {
			t.Errorf("client for another office's family: %v, want not found", err)
		}
		if _, err := s.CreateClient(ctx, o.client, o.family.ID, "y", "Y"); !errors.Is(err, ErrForbidden) {
			t.Errorf("client inviting a client: %v, want forbidden", err)
		}
		if err := s.CreateLink(ctx, o.worker, client, LinkInvite, []byte("tok1"), time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateLink(ctx, o.worker, o.rep.UserID(), LinkReset, []byte("tok2"), time.Hour); !errors.Is(err, ErrForbidden) {
			t.Errorf("caseworker resetting a representative: %v, want forbidden", err)
		}
		if err := s.CreateLink(ctx, other.admin, client, LinkReset, []byte("tok3"), time.Hour); !errors.Is(err, ErrNotFound) {
			t.Errorf("admin of another office: %v, want not found", err)
		}
		if _, _, err := s.PasswordHash(ctx, "selam"); !errors.Is(err, ErrNotFound) {
			t.Errorf("password of an invited user before the link is used: %v", err)
		}
		login, purpose, err := s.Link(ctx, []byte("tok1"))
		if err != nil || login != "selam" || purpose != LinkInvite {
			t.Fatalf("Link = %q %q %v", login, purpose, err)
		}
		a, err := s.RedeemLink(ctx, []byte("tok1"), "hash-1")
		if err != nil || a.UserID() != client || a.FamilyID() != o.family.ID {
			t.Fatalf("RedeemLink = %v, %v", a, err)
		}
		if _, err := s.RedeemLink(ctx, []byte("tok1"), "hash-2"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second use of a link: %v, want not found", err)
		}
		if id, h, err := s.PasswordHash(ctx, "selam"); err != nil || id != client || h != "hash-1" {
			t.Errorf("PasswordHash = %q %q %v", id, h, err)
		}

		// Sessions: idle and absolute timeouts, sign out everywhere.
		if err := s.CreateSession(ctx, client, []byte("s1")); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Session(ctx, []byte("s1"), time.Hour, time.Hour); err != nil || got.UserID() != client {
			t.Fatalf("Session = %v, %v", got, err)
		}
		if _, err := s.Session(ctx, []byte("nope"), time.Hour, time.Hour); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown session: %v", err)
		}
		s.now = func() time.Time { return testClock.Add(2 * time.Hour) }
		if _, err := s.Session(ctx, []byte("s1"), time.Hour, 24*time.Hour); !errors.Is(err, ErrNotFound) {
			t.Errorf("idle session: %v, want not found", err)
		}
		s.CreateSession(ctx, client, []byte("s2"))
		s.CreateSession(ctx, client, []byte("s3"))
		if err := s.DeleteSessions(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, []byte("s3"), time.Hour, time.Hour); !errors.Is(err, ErrNotFound) {
			t.Errorf("session after sign-out everywhere: %v", err)
		}

		// Lockout after three failures, lifted when its time is over.
		lim := SignInLimits{PerAddress: 3, Global: 10, LockFor: 15 * time.Minute}
		for i := range 3 {
			c, err := s.ChargeSignIn(ctx, "selam", "192.0.2.1", lim)
			if err != nil || !c.Allowed || c.Last != (i == 2) {
				t.Fatalf("attempt %d: %+v %v", i+1, c, err)
			}
		}
		if c, _ := s.ChargeSignIn(ctx, "SELAM", "192.0.2.1", lim); c.Allowed || c.LockedUntil.IsZero() {
			t.Errorf("not locked after 3 failures: %+v", c)
		}
		if c, _ := s.ChargeSignIn(ctx, "selam", "198.51.100.7", lim); !c.Allowed {
			t.Errorf("locked from another address too: %+v", c)
		}
		s.now = func() time.Time { return testClock.Add(3 * time.Hour) }
		if c, _ := s.ChargeSignIn(ctx, "selam", "192.0.2.1", lim); !c.Allowed || c.Last {
			t.Errorf("still locked after the lockout: %+v", c)
		}

		// A client saves her own family and no other.
		rec, err := s.UpdateOwnFamily(ctx, a, o.family.ID, o.family.Version, o.family.Family)
		if err != nil || rec.Version != o.family.Version+1 {
			t.Fatalf("UpdateOwnFamily = %v, %v", rec, err)
		}
		if _, err := s.UpdateOwnFamily(ctx, a, o.other.ID, o.other.Version, o.other.Family); !errors.Is(err, ErrForbidden) {
			t.Errorf("client saving another family: %v, want forbidden", err)
		}

		// The office view counts verdicts and scopes by office and client.
		rows, err := s.OfficeFamilies(ctx, o.worker)
		if err != nil || len(rows) != 2 {
			t.Fatalf("OfficeFamilies = %d rows, %v", len(rows), err)
		}
		for _, r := range rows {
			if r.Eligible+r.Review+r.Ineligible != 1 {
				t.Errorf("family %s: counts %d/%d/%d, want one petition", r.ID, r.Eligible, r.Review, r.Ineligible)
			}
		}
		if rows, _ := s.OfficeFamilies(ctx, a); len(rows) != 1 || rows[0].ID != o.family.ID {
			t.Errorf("client's office view: %v", rows)
		}
		labels, err := s.FamilyLabels(ctx, o.worker, []string{o.family.ID, other.family.ID})
		if err != nil || len(labels) != 1 || labels[o.family.ID] != "Selam Tesfaye" {
			t.Errorf("FamilyLabels = %v, %v (another office's family must be left out)", labels, err)
		}
		if all, _ := s.FamilyLabels(ctx, a, nil); len(all) != 1 {
			t.Errorf("a client's labels: %v", all)
		}

		// The office search finds by name within the office only.
		if ids, err := s.OfficeSearch(ctx, o.worker, "tesfaye"); err != nil || len(ids) != 1 || !ids[o.family.ID] {
			t.Errorf("OfficeSearch = %v, %v", ids, err)
		}
		if ids, _ := s.OfficeSearch(ctx, other.worker, "tesfaye selam"); ids[o.family.ID] {
			t.Error("another office's search finds east's family")
		}

		// The second factor: sealed per user, each time step used once.
		if has, _ := s.HasPasswords(ctx); !has {
			t.Error("HasPasswords = false after a password was set")
		}
		if _, _, ok, err := s.TOTP(ctx, client); ok || err != nil {
			t.Errorf("TOTP before set-up: %v %v", ok, err)
		}
		if err := s.SetTOTP(ctx, a, "JBSWY3DPEHPK3PXP", 0); err != nil {
			t.Fatal(err)
		}
		if sec, last, ok, err := s.TOTP(ctx, client); !ok || err != nil || sec != "JBSWY3DPEHPK3PXP" || last != 0 {
			t.Errorf("TOTP = %q %d %v %v", sec, last, ok, err)
		}
		if err := s.UseTOTPStep(ctx, client, 100); err != nil {
			t.Fatal(err)
		}
		if err := s.UseTOTPStep(ctx, client, 100); !errors.Is(err, ErrConflict) {
			t.Errorf("a time step used twice: %v", err)
		}
		if err := s.DisableTOTP(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, _, ok, _ := s.TOTP(ctx, client); ok {
			t.Error("TOTP still on after DisableTOTP")
		}

		// API tokens.
		id, err := s.CreateAPIToken(ctx, o.worker, "script", []byte("api1"), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		// Expiry, and revocation with sign-out everywhere.
		if _, err := s.CreateAPIToken(ctx, o.worker, "short", []byte("api-short"), time.Minute); err != nil {
			t.Fatal(err)
		}
		s.now = func() time.Time { return testClock.Add(3*time.Hour + 2*time.Minute) }
		if _, err := s.APITokenActor(ctx, []byte("api-short")); !errors.Is(err, ErrNotFound) {
			t.Errorf("expired token: %v, want not found", err)
		}
		if _, err := s.CreateAPIToken(ctx, o.rep, "rep", []byte("api-rep"), time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSessions(ctx, o.rep); err != nil {
			t.Fatal(err)
		}
		if _, err := s.APITokenActor(ctx, []byte("api-rep")); !errors.Is(err, ErrNotFound) {
			t.Errorf("token after sign-out everywhere: %v, want not found", err)
		}
		s.now = func() time.Time { return testClock.Add(3 * time.Hour) }
		if got, err := s.APITokenActor(ctx, []byte("api1")); err != nil || got.UserID() != o.worker.UserID() {
			t.Errorf("APITokenActor = %v, %v", got, err)
		}
		if err := s.RevokeAPIToken(ctx, other.worker, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("revoking someone else's token: %v", err)
		}
		if err := s.RevokeAPIToken(ctx, o.worker, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.APITokenActor(ctx, []byte("api1")); !errors.Is(err, ErrNotFound) {
			t.Errorf("revoked token: %v", err)
		}
	})
}

// TestLinkOfDisabledUser checks that a link made before its user was
// disabled no longer sets a password: it is dead, like an unknown link.
func TestLinkOfDisabledUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "east")
		if err := s.CreateLink(ctx, o.admin, o.worker.UserID(), LinkReset, []byte("tok"), time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := s.DisableUser(ctx, o.admin, o.worker.UserID()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RedeemLink(ctx, []byte("tok"), "hash"); !errors.Is(err, ErrNotFound) {
			t.Errorf("RedeemLink for a disabled user: %v, want not found", err)
		}
		var n int
		if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM web_passwords WHERE user_id = ?`), o.worker.UserID()).Scan(&n); err != nil || n != 0 {
			t.Errorf("the disabled user has %d passwords (%v), want none", n, err)
		}
	})
}

// TestErrorsNameNoLogin checks that the errors of the methods that make
// users do not carry the login: the web application logs the errors it
// does not expect, and a client's login is often their name or address.
func TestErrorsNameNoLogin(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "east")
	if _, err := s.CreateClient(ctx, o.worker, o.family.ID, "selam.tesfaye@example.org", "Selam"); err != nil {
		t.Fatal(err)
	}
	_, err1 := s.CreateClient(ctx, o.worker, o.family.ID, "selam.tesfaye@example.org", "Selam")
	_, err2 := s.CreateUser(ctx, o.admin, NewUser{Login: "selam.tesfaye@example.org", Name: "Selam", Role: RoleCaseworker})
	for _, err := range []error{err1, err2} {
		if !errors.Is(err, ErrConflict) {
			t.Errorf("a taken login: %v, want a conflict", err)
		} else if strings.Contains(err.Error(), "selam") {
			t.Errorf("the error names the login: %v", err)
		}
	}
}

// TestLoginHashIsKeyed checks that the lockout table's hash of a login (or
// of a password typed into the login box) depends on the master key, so
// that the table cannot be searched by hashing guesses: the same login
// hashes alike in stores with the same key, and differently with another.
func TestLoginHashIsKeyed(t *testing.T) {
	k := testKey(t)
	a := openAt(t, newDSN(t, SQLite), Keys{Current: k})
	b := openAt(t, newDSN(t, SQLite), Keys{Current: k})
	c := newStore(t, SQLite)
	if !bytes.Equal(a.LoginHash("Selam"), b.LoginHash(" selam ")) {
		t.Error("one login, one key: the hashes differ")
	}
	if bytes.Equal(a.LoginHash("selam"), c.LoginHash("selam")) {
		t.Error("the hash does not depend on the master key")
	}
	if bytes.Equal(a.LoginHash("selam"), a.LoginHash("selah")) {
		t.Error("two logins hash alike")
	}
}
