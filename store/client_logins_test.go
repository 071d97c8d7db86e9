package store

import (
	"context"
	"errors"
	"testing"
)

// TestClientLoginsSealed: a client's login is kept as a blind index and
// sealed; it still signs in (whatever its case), staff read it, and a
// client login kept in clear by an older version is converted when the
// database is opened.
func TestClientLoginsSealed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		keys := Keys{Current: testKey(t)}
		s := openAt(t, dsn, keys)
		o := newOffice(t, s, "east")
		other := newOffice(t, s, "west")
		id, err := s.CreateClient(ctx, o.worker, o.family.ID, "selam.tesfaye", "Selam")
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		s.db.QueryRow(s.q(`SELECT login FROM users WHERE id = ?`), id).Scan(&stored)
		if stored == "selam.tesfaye" || stored[0] != '~' {
			t.Errorf("client login stored as %q", stored)
		}
		if got, err := s.UserLogin(ctx, o.worker, id); err != nil || got != "selam.tesfaye" {
			t.Errorf("UserLogin = %q, %v", got, err)
		}
		// Another office's client may not take it (one typed login names one
		// user), but no office chooses client logins in the web application.
		if _, err := s.CreateClient(ctx, other.worker, other.family.ID, "Selam.Tesfaye", "S"); !errors.Is(err, ErrConflict) {
			t.Errorf("the same login twice: %v", err)
		}
		if _, err := s.CreateUser(ctx, o.admin, NewUser{Login: stored, Name: "x", Role: RoleCaseworker}); !errors.Is(err, ErrInvalid) {
			t.Errorf("a staff login shaped like an index: %v", err)
		}
		// An older version's client row, login in clear.
		if _, err := s.db.Exec(s.q(`UPDATE users SET login = 'old.client', login_enc = NULL WHERE id = ?`), o.client.UserID()); err != nil {
			t.Fatal(err)
		}
		s.db.Exec(s.q(`INSERT INTO web_passwords (user_id, hash, updated_at) VALUES (?, 'h', 0)`), o.client.UserID())
		s2 := openAt(t, dsn, keys)
		var n int
		s2.db.QueryRow(`SELECT COUNT(*) FROM users WHERE login = 'old.client'`).Scan(&n)
		if n != 0 {
			t.Error("the old client login is still in clear")
		}
		if uid, _, err := s2.PasswordHash(ctx, "OLD.client"); err != nil || uid != o.client.UserID() {
			t.Errorf("signing in with the converted login: %q %v", uid, err)
		}
		if _, _, err := s2.PasswordHash(ctx, stored); !errors.Is(err, ErrNotFound) {
			t.Errorf("signing in with the index itself: %v", err)
		}
		if r, err := s2.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Errorf("audit after the conversion: %v %v", r, err)
		}
	})
}
