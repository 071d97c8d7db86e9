package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/reunite/reunite"
)

// Reminders by e-mail (migration 00140): each user's own address and
// choices, a family client's address and language with the day they agreed,
// and the record of every reminder claimed for sending, so that none goes
// out twice. Addresses are sealed like names: an e-mail address names a
// person.

// Audit actions of reminders.
const (
	ActionRemindSettings = "remind.settings"
	ActionRemindClient   = "remind.client"
	ActionRemindSent     = "remind.sent"
)

// ReminderSettings are a user's own e-mail reminders.
type ReminderSettings struct {
	Email  string // "" when the user gets no e-mail
	Digest bool   // the daily digest of what is due in 1, 7 and 30 days
	Alerts bool   // an alert when something becomes due within 7 days
}

// ClientReminder is a family's client's agreement to e-mail reminders.
type ClientReminder struct {
	Email   string // "" when the client gets none
	Lang    string // an i18n code
	OptedIn time.Time
}

// CheckEmail returns the bare address of s, or an error naming what is
// wrong. A display name is refused: it would put a name into the store and
// the mail headers where only an address is needed.
func CheckEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || len(s) > 254 {
		return "", fmt.Errorf("%w: e-mail address %q: expected one address such as name@example.org", ErrInvalid, s)
	}
	return a.Address, nil
}

// OwnReminders returns the actor's reminder settings. Staff only.
func (s *Store) OwnReminders(ctx context.Context, a Actor) (out ReminderSettings, err error) {
	defer wrap(&err, "store.OwnReminders")
	if err := a.check(a.staff()); err != nil {
		return out, err
	}
	err = s.tx(ctx, func(t *txn) error {
		var sealed []byte
		var digest, alerts int
		err := t.queryRow(ctx, `/* store.OwnReminders */ SELECT email_enc, digest, alerts FROM remind_users WHERE user_id = ?`,
			a.user).Scan(&sealed, &digest, &alerts)
		if err == sql.ErrNoRows {
			return nil
		} else if err != nil {
			return err
		}
		plain, err := t.openFor(ctx, a.org, sealed, aad("remind_users", "email", a.user))
		out = ReminderSettings{Email: string(plain), Digest: digest != 0, Alerts: alerts != 0}
		return err
	})
	return out, err
}

// SetOwnReminders changes the actor's reminder settings; an empty address
// turns e-mail off. Staff only; audited without the address.
func (s *Store) SetOwnReminders(ctx context.Context, a Actor, rs ReminderSettings) (err error) {
	defer wrap(&err, "store.SetOwnReminders")
	if err := a.check(a.staff()); err != nil {
		return err
	}
	if rs.Email != "" {
		if rs.Email, err = CheckEmail(rs.Email); err != nil {
			return err
		}
	}
	return s.tx(ctx, func(t *txn) error {
		detail := "off"
		if rs.Email != "" {
			detail = "digest " + strconv.FormatBool(rs.Digest) + " alerts " + strconv.FormatBool(rs.Alerts)
		}
		if err := t.audit(ctx, a, ActionRemindSettings, "", detail); err != nil {
			return err
		}
		if rs.Email == "" {
			_, err := t.exec(ctx, `/* store.SetOwnReminders */ DELETE FROM remind_users WHERE user_id = ?`, a.user)
			return err
		}
		sealed, err := t.sealFor(ctx, a.org, []byte(rs.Email), aad("remind_users", "email", a.user))
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.SetOwnReminders */
			INSERT INTO remind_users (user_id, org_id, email_enc, digest, alerts, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET email_enc = excluded.email_enc, digest = excluded.digest,
				alerts = excluded.alerts, updated_at = excluded.updated_at`,
			a.user, a.org, sealed, boolInt(rs.Digest), boolInt(rs.Alerts), micros(t.now))
		return err
	})
}

// ClientReminderOf returns the client reminder of a family (zero when
// there is none). Staff only.
func (s *Store) ClientReminderOf(ctx context.Context, a Actor, familyID string) (out ClientReminder, err error) {
	defer wrap(&err, "store.ClientReminderOf(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return out, err
	}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		var sealed []byte
		var at int64
		err := t.queryRow(ctx, `/* store.ClientReminderOf */ SELECT email_enc, lang, opted_in_at FROM remind_clients WHERE family_id = ? AND org_id = ?`,
			familyID, a.org).Scan(&sealed, &out.Lang, &at)
		if err == sql.ErrNoRows {
			return nil
		} else if err != nil {
			return err
		}
		plain, err := t.openFor(ctx, a.org, sealed, aad("remind_clients", "email", familyID))
		out.Email, out.OptedIn = string(plain), fromMicros(at)
		return err
	})
	return out, err
}

// SetClientReminder records that a family's client agreed to e-mail
// reminders at email, in lang; an empty address records that they stopped.
// The day of agreement is kept while only the language changes. Staff
// only; audited without the address.
func (s *Store) SetClientReminder(ctx context.Context, a Actor, familyID, email, lang string) (err error) {
	defer wrap(&err, "store.SetClientReminder(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	if email != "" {
		if email, err = CheckEmail(email); err != nil {
			return err
		}
		if lang == "" {
			return fmt.Errorf("%w: the client's language is needed", ErrInvalid)
		}
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		detail := "off"
		if email != "" {
			detail = "on " + lang
		}
		if err := t.audit(ctx, a, ActionRemindClient, familyID, detail); err != nil {
			return err
		}
		if email == "" {
			_, err := t.exec(ctx, `/* store.SetClientReminder */ DELETE FROM remind_clients WHERE family_id = ? AND org_id = ?`, familyID, a.org)
			return err
		}
		sealed, err := t.sealFor(ctx, a.org, []byte(email), aad("remind_clients", "email", familyID))
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.SetClientReminder */
			INSERT INTO remind_clients (family_id, org_id, email_enc, lang, opted_in_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (family_id) DO UPDATE SET email_enc = excluded.email_enc, lang = excluded.lang, updated_by = excluded.updated_by`,
			familyID, a.org, sealed, lang, micros(t.now), a.user)
		return err
	})
}

// ReminderRecipient is someone the reminder round writes to: a user who
// gave an address, or a family's client who agreed. Actor is whom the
// round acts as to read the due dates: the user, or for a client the staff
// member who recorded the agreement.
type ReminderRecipient struct {
	Actor    Actor
	ID       string // the user id, or "family:" and the family id
	FamilyID string // clients only
	Email    string
	Lang     string // clients only; staff read English
	Digest   bool
	Alerts   bool
}

// Client reports whether the recipient is a family's client.
func (r ReminderRecipient) Client() bool { return r.FamilyID != "" }

// ReminderRecipients lists everyone reminders may go to, in every office:
// active staff with an address, and clients who agreed while the staff
// member who recorded it is still active. It is for the reminder round of
// `reunite serve` and `reunite remind`, run by the operator who holds the
// master key, like a maintenance command.
func (s *Store) ReminderRecipients(ctx context.Context) (out []ReminderRecipient, err error) {
	defer wrap(&err, "store.ReminderRecipients")
	err = s.tx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.ReminderRecipients */
			SELECT r.user_id, u.org_id, u.role, r.email_enc, r.digest, r.alerts, '', ''
			FROM remind_users r JOIN users u ON u.id = r.user_id
			WHERE u.disabled_at IS NULL AND u.role <> 'client'
			UNION ALL
			SELECT u.id, u.org_id, u.role, c.email_enc, 0, 1, c.family_id, c.lang
			FROM remind_clients c JOIN users u ON u.id = c.updated_by AND u.org_id = c.org_id
			WHERE u.disabled_at IS NULL AND u.role <> 'client'
			ORDER BY 2, 7, 1`)
		if err != nil {
			return err
		}
		// Rows are read first and opened after: opening may read a data
		// key, and PostgreSQL runs one statement at a time per connection.
		var sealed [][]byte
		for rows.Next() {
			var r ReminderRecipient
			var role string
			var enc []byte
			var digest, alerts int
			if err := rows.Scan(&r.Actor.user, &r.Actor.org, &role, &enc, &digest, &alerts, &r.FamilyID, &r.Lang); err != nil {
				rows.Close()
				return err
			}
			r.Actor.role, r.Digest, r.Alerts = Role(role), digest != 0, alerts != 0
			out, sealed = append(out, r), append(sealed, enc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			r := &out[i]
			who := aad("remind_users", "email", r.Actor.user)
			r.ID = r.Actor.user
			if r.FamilyID != "" {
				r.ID, who = "family:"+r.FamilyID, aad("remind_clients", "email", r.FamilyID)
			}
			plain, err := t.openFor(ctx, r.Actor.org, sealed[i], who)
			if err != nil {
				return err
			}
			r.Email = string(plain)
		}
		return nil
	})
	return out, err
}

// FamilyDue lists the open due dates of one family on or before through,
// soonest first, as NeedsAction does for the office: for a client's
// reminders. Staff only; audited as a read of the family's list.
func (s *Store) FamilyDue(ctx context.Context, a Actor, familyID string, through reunite.Date) (out []ActionItem, err error) {
	defer wrap(&err, "store.FamilyDue(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	items, err := s.NeedsAction(ctx, a, through, "", 0)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.FamilyID == familyID {
			out = append(out, it)
		}
	}
	return out, nil
}

// ReminderKey names one reminder: to whom, about what (an item's ids, or
// "digest"), of which kind, for which day. A key is claimed once.
type ReminderKey struct {
	Recipient string
	Item      string
	Kind      string
	Day       reunite.Date
}

// ClaimReminders records keys as being sent, before the message goes out,
// and returns those that were not claimed before (by this round, an
// earlier one, or another server on the same database). Only the claimed
// ones may be sent.
func (s *Store) ClaimReminders(ctx context.Context, org string, keys []ReminderKey) (claimed []ReminderKey, err error) {
	defer wrap(&err, "store.ClaimReminders")
	err = s.tx(ctx, func(t *txn) error {
		claimed = claimed[:0]
		for _, k := range keys {
			res, err := t.exec(ctx, `/* store.ClaimReminders */
				INSERT INTO remind_sent (recipient, item, kind, day, org_id, state, claimed_at) VALUES (?, ?, ?, ?, ?, 'sending', ?)
				ON CONFLICT (recipient, item, kind, day) DO NOTHING`,
				k.Recipient, k.Item, k.Kind, k.Day.String(), org, micros(t.now))
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				claimed = append(claimed, k)
			}
		}
		return nil
	})
	return claimed, err
}

// RemindersSent marks claimed keys as sent, and audits the message as the
// recipient's actor with the family (for a client) and the count of items.
func (s *Store) RemindersSent(ctx context.Context, r ReminderRecipient, kind string, keys []ReminderKey) (err error) {
	defer wrap(&err, "store.RemindersSent")
	return s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, r.Actor, ActionRemindSent, r.FamilyID, kind+" "+strconv.Itoa(len(keys))+" to "+r.ID); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := t.exec(ctx, `/* store.RemindersSent */
				UPDATE remind_sent SET state = 'sent', sent_at = ? WHERE recipient = ? AND item = ? AND kind = ? AND day = ?`,
				micros(t.now), k.Recipient, k.Item, k.Kind, k.Day.String()); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReleaseReminders removes claims whose message could not be sent, so that
// the next round tries again. Sent ones stay.
func (s *Store) ReleaseReminders(ctx context.Context, keys []ReminderKey) (err error) {
	defer wrap(&err, "store.ReleaseReminders")
	return s.tx(ctx, func(t *txn) error {
		for _, k := range keys {
			if _, err := t.exec(ctx, `/* store.ReleaseReminders */
				DELETE FROM remind_sent WHERE recipient = ? AND item = ? AND kind = ? AND day = ? AND state = 'sending'`,
				k.Recipient, k.Item, k.Kind, k.Day.String()); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemindersClaimed reports which of keys were claimed already, for a
// preview that must not claim anything.
func (s *Store) RemindersClaimed(ctx context.Context, keys []ReminderKey) (out []bool, err error) {
	defer wrap(&err, "store.RemindersClaimed")
	for _, k := range keys {
		var n int
		if err := s.db.QueryRowContext(ctx, s.q(`/* store.RemindersClaimed */
			SELECT COUNT(*) FROM remind_sent WHERE recipient = ? AND item = ? AND kind = ? AND day = ?`),
			k.Recipient, k.Item, k.Kind, k.Day.String()).Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n > 0)
	}
	return out, nil
}
