package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/tracking"
)

// A petition's life after filing is kept as its events (petition_events),
// one relative at a time, each sealed and never changed: the tracking
// package folds them into a stage and due dates, and refuses an event the
// history does not allow, in the same transaction as the insert. What an
// office must sort and count (the stage, the open due dates) is written
// beside them in clear, without names or numbers (migration 00120).

// Audit actions of petitions.
const (
	ActionPetitionEvent = "petition.event"
	ActionFamilyAssign  = "family.assign"
)

// PetitionEvent is one stored event of a relative's petition.
type PetitionEvent struct {
	ID        string
	FamilyID  string
	MemberID  string
	Seq       int
	Event     tracking.Event
	CreatedAt time.Time
	CreatedBy string
}

// NewPetitionEvent is an event to record for a relative of a family.
type NewPetitionEvent struct {
	FamilyID string
	MemberID string
	Event    tracking.Event
}

// eventBody is the sealed JSON of an event.
type eventBody struct {
	Kind        tracking.Kind     `json:"kind"`
	Date        reunite.Date      `json:"date,omitzero"`
	Carrier     string            `json:"carrier,omitzero"`
	Tracking    string            `json:"tracking,omitzero"`
	Receipt     tracking.Receipt  `json:"receipt,omitzero"`
	Due         reunite.Date      `json:"due,omitzero"`
	Delivery    tracking.Delivery `json:"delivery,omitzero"`
	Appointment reunite.Date      `json:"appointment,omitzero"`
	VisaClass   string            `json:"visa_class,omitzero"`
	ValidUntil  reunite.Date      `json:"valid_until,omitzero"`
	I94         string            `json:"i94,omitzero"`
	Corrects    int               `json:"corrects,omitzero"`
	Note        string            `json:"note,omitzero"`
}

func bodyOf(e tracking.Event) eventBody {
	return eventBody{e.Kind, e.Date, e.Carrier, e.Tracking, e.Receipt, e.Due, e.Delivery, e.Appointment,
		e.VisaClass, e.ValidUntil, e.I94, e.Corrects, e.Note}
}

func (b eventBody) event() tracking.Event {
	return tracking.Event{Kind: b.Kind, Date: b.Date, Carrier: b.Carrier, Tracking: b.Tracking, Receipt: b.Receipt,
		Due: b.Due, Delivery: b.Delivery, Appointment: b.Appointment, VisaClass: b.VisaClass,
		ValidUntil: b.ValidUntil, I94: b.I94, Corrects: b.Corrects, Note: b.Note}
}

// AddPetitionEvents records events of one or more relatives, in order, in
// one transaction: all are recorded or none (a mailing with N petitions
// gets N receipts in one go). An event the petition's history does not
// allow is refused with ErrInvalid and the tracking package's message,
// which names the relative, the stage and the event. Staff only.
func (s *Store) AddPetitionEvents(ctx context.Context, a Actor, evs []NewPetitionEvent) (out []PetitionEvent, err error) {
	defer wrap(&err, "store.AddPetitionEvents")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if len(evs) == 0 {
		return nil, fmt.Errorf("%w: no event", ErrInvalid)
	}
	err = s.tx(ctx, func(t *txn) error {
		out = out[:0]
		families := map[string]*reunite.Family{}
		for _, n := range evs {
			f, ok := families[n.FamilyID]
			if !ok {
				if err := t.familyVisible(ctx, a, n.FamilyID); err != nil {
					return err
				}
				rec, err := t.readFamily(ctx, a, n.FamilyID, 0)
				if err != nil {
					return err
				}
				f = rec.Family
				families[n.FamilyID] = f
			}
			pe, err := t.addPetitionEvent(ctx, a, f, n)
			if err != nil {
				return err
			}
			out = append(out, *pe)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (t *txn) addPetitionEvent(ctx context.Context, a Actor, f *reunite.Family, n NewPetitionEvent) (*PetitionEvent, error) {
	m := f.Member(n.MemberID)
	if m == nil {
		return nil, fmt.Errorf("%w: family %s has no relative %q", ErrNotFound, n.FamilyID, n.MemberID)
	}
	if n.Event.Kind == tracking.ReceiptNotice {
		r, err := tracking.ParseReceipt(string(n.Event.Receipt))
		if err != nil {
			return nil, fmt.Errorf("%w: relative %s: %v", ErrInvalid, n.MemberID, err)
		}
		n.Event.Receipt = r
	}
	history, err := t.petitionHistory(ctx, a.org, n.FamilyID, n.MemberID)
	if err != nil {
		return nil, err
	}
	evs := make([]tracking.Event, len(history), len(history)+1)
	for i, h := range history {
		evs[i] = h.Event
	}
	p, err := tracking.Replay(m.Location, append(evs, n.Event))
	if err != nil {
		return nil, fmt.Errorf("%w: relative %s: %v", ErrInvalid, n.MemberID, err)
	}
	pe := &PetitionEvent{ID: newID("p"), FamilyID: n.FamilyID, MemberID: n.MemberID, Seq: len(history) + 1,
		Event: n.Event, CreatedAt: t.now, CreatedBy: a.user}
	// The audit entry names the relative, the position and the kind, never
	// a receipt or tracking number.
	if err := t.audit(ctx, a, ActionPetitionEvent, n.FamilyID,
		fmt.Sprintf("%s %s #%d %s", pe.ID, n.MemberID, pe.Seq, n.Event.Kind)); err != nil {
		return nil, err
	}
	body, err := json.Marshal(bodyOf(n.Event))
	if err != nil {
		return nil, err
	}
	sealed, err := t.sealFor(ctx, a.org, body, aad("petition_events", "body", pe.ID))
	if err != nil {
		return nil, err
	}
	if _, err := t.exec(ctx, `/* store.addPetitionEvent */
		INSERT INTO petition_events (id, org_id, family_id, member_id, seq, kind, body_enc, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		pe.ID, a.org, n.FamilyID, n.MemberID, pe.Seq, string(n.Event.Kind), sealed, micros(t.now), a.user); err != nil {
		if isUniqueViolation(err) {
			return nil, fmt.Errorf("%w: another event of relative %s was recorded at the same time; try again", ErrConflict, n.MemberID)
		}
		return nil, err
	}
	if n.Event.Kind == tracking.ReceiptNotice {
		k, err := t.dataKey(ctx, a.org, 1)
		if err != nil {
			return nil, err
		}
		if _, err := t.exec(ctx, `/* store.addPetitionEvent */
			INSERT INTO petition_receipts (org_id, hash, family_id, member_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			a.org, blindHash(k.blind, "receipt", string(n.Event.Receipt)), n.FamilyID, n.MemberID); err != nil {
			return nil, err
		}
	}
	return pe, t.writePetitionState(ctx, a.org, n.FamilyID, n.MemberID, p)
}

// writePetitionState replaces the clear stage and due dates of a petition.
func (t *txn) writePetitionState(ctx context.Context, org, family, member string, p *tracking.Petition) error {
	var since sql.NullString
	if !p.Since.IsZero() {
		since = sql.NullString{String: p.Since.String(), Valid: true}
	}
	if _, err := t.exec(ctx, `/* store.writePetitionState */
		INSERT INTO petition_status (family_id, member_id, org_id, stage, since) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (family_id, member_id) DO UPDATE SET stage = excluded.stage, since = excluded.since`,
		family, member, org, string(p.Stage), since); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `/* store.writePetitionState */
		DELETE FROM petition_due WHERE family_id = ? AND member_id = ? AND source = 'events'`, family, member); err != nil {
		return err
	}
	for _, d := range p.Dues() {
		if _, err := t.exec(ctx, `/* store.writePetitionState */
			INSERT INTO petition_due (org_id, family_id, member_id, kind, due, notice, check_notice, source)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'events')`,
			org, family, member, string(d.Kind), d.Date.String(), d.Notice.String(), boolInt(d.CheckNotice)); err != nil {
			return err
		}
	}
	return t.reindexDue(ctx, family)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// petitionHistory reads and opens the events of one relative, in order.
func (t *txn) petitionHistory(ctx context.Context, org, family, member string) ([]PetitionEvent, error) {
	rows, err := t.query(ctx, `/* store.petitionHistory */
		SELECT id, member_id, seq, body_enc, created_at, created_by FROM petition_events
		WHERE family_id = ? AND org_id = ? AND (? = '' OR member_id = ?) ORDER BY member_id, seq`,
		family, org, member, member)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PetitionEvent
	for rows.Next() {
		pe := PetitionEvent{FamilyID: family}
		var sealed []byte
		var created int64
		if err := rows.Scan(&pe.ID, &pe.MemberID, &pe.Seq, &sealed, &created, &pe.CreatedBy); err != nil {
			return nil, err
		}
		body, err := t.openFor(ctx, org, sealed, aad("petition_events", "body", pe.ID))
		if err != nil {
			return nil, err
		}
		var b eventBody
		if err := json.Unmarshal(body, &b); err != nil {
			return nil, fmt.Errorf("petition event %s: %w", pe.ID, err)
		}
		pe.Event, pe.CreatedAt = b.event(), fromMicros(created)
		out = append(out, pe)
	}
	return out, rows.Err()
}

// PetitionEvents lists the events of every relative of a family, by
// relative then in order. Audited as a read of the family.
func (s *Store) PetitionEvents(ctx context.Context, a Actor, familyID string) (out map[string][]PetitionEvent, err error) {
	defer wrap(&err, "store.PetitionEvents(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		all, err := t.petitionHistory(ctx, a.org, familyID, "")
		if err != nil {
			return err
		}
		out = map[string][]PetitionEvent{}
		for _, e := range all {
			out[e.MemberID] = append(out[e.MemberID], e)
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyRead, familyID, "petition events")
	}
	return out, err
}

// PetitionRef names one relative's petition.
type PetitionRef struct {
	FamilyID string
	MemberID string
}

// FindReceipt returns the petitions of the actor's office that carry a
// receipt number, through its blind-index hash. A receipt number that is
// not valid is ErrInvalid.
func (s *Store) FindReceipt(ctx context.Context, a Actor, receipt string) (out []PetitionRef, err error) {
	defer wrap(&err, "store.FindReceipt")
	if err := a.check(true); err != nil {
		return nil, err
	}
	r, err := tracking.ParseReceipt(receipt)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	scope, args := a.familyScope()
	err = s.readTx(ctx, func(t *txn) error {
		k, err := t.dataKey(ctx, a.org, 1)
		if err != nil {
			return err
		}
		rows, err := t.query(ctx, `/* store.FindReceipt */
			SELECT r.family_id, r.member_id FROM petition_receipts r JOIN families f ON f.id = r.family_id
			WHERE r.org_id = ? AND r.hash = ? AND `+scope+` ORDER BY r.family_id, r.member_id`,
			append([]any{a.org, blindHash(k.blind, "receipt", string(r))}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p PetitionRef
			if err := rows.Scan(&p.FamilyID, &p.MemberID); err != nil {
				return err
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "receipt search "+strconv.Itoa(len(out)))
	}
	return out, err
}

func isUniqueViolation(err error) bool {
	var u interface{ SQLState() string }
	if errors.As(err, &u) {
		return u.SQLState() == "23505"
	}
	// modernc.org/sqlite: "constraint failed: UNIQUE constraint failed".
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
