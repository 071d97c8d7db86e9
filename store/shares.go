package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A family can be shared by its office with a partner office (local
// counsel, a partner organisation where a relative lives): the whole family
// or chosen relatives, read or write, until a day, revocable at once. The
// store enforces it like the client scope: a partner's staff reach a family
// only through an active share, see only what it covers, and every access
// through a share is audited in both offices (the partner's own log and the
// family's office's, which names the share).
//
// What a share covers:
//   - the whole family: the case file as the office has it, its assessment,
//     the notes of the family and of every relative, the tasks;
//   - chosen relatives: the case file cut down to those relatives and the
//     principal's filing facts (name, A-number, sex, status and its dates,
//     the filing date), which the partner needs to place the relative's
//     case; not the principal's contacts, address, SSN, other names or
//     history, nor anything of the other relatives. Notes and tasks are
//     those of the chosen relatives only; the family's own thread is not
//     shown.
//
// What no share gives: the versions' history, documents and events of the
// office, the activity feed, the client's messages, and changes to the
// case file itself. The case file is signed by the petitioner under
// penalty of perjury and prepared by one team, so that there is one
// strategy and no contradictory submission: "write" lets a partner add
// notes and tasks about what was shared, not edit the file.

// Audit actions of shares.
const (
	ActionShareCreate = "share.create"
	ActionShareRevoke = "share.revoke"
)

// Access is what a share allows.
type Access string

const (
	AccessRead  Access = "read"  // see what was shared
	AccessWrite Access = "write" // and add notes and tasks to it
)

// MaxShareDays bounds a share's life: a share is renewed, never open-ended.
const MaxShareDays = 366

// Share is a family shared with a partner office.
type Share struct {
	ID           string
	FamilyID     string
	OrgID        string // the family's office
	PartnerOrgID string
	PartnerName  string // the partner office's name
	OwnerName    string // the family's office's name
	Members      []string
	Access       Access
	ExpiresAt    time.Time
	CreatedAt    time.Time
	CreatedBy    string
	RevokedAt    time.Time // zero while not revoked
	RevokedBy    string
}

// Whole reports whether the share covers the whole family.
func (sh *Share) Whole() bool { return len(sh.Members) == 0 }

// ActiveAt reports whether the share gives access at t.
func (sh *Share) ActiveAt(t time.Time) bool { return sh.RevokedAt.IsZero() && t.Before(sh.ExpiresAt) }

// NewShare is a share to make. No Members means the whole family.
type NewShare struct {
	FamilyID     string
	PartnerOrgID string
	Members      []string
	Access       Access
	ExpiresAt    time.Time
}

// canShare: sharing a family outside the office is a decision of an
// administrator or an attorney, not of every caseworker.
func (a Actor) canShare() bool { return a.role == RoleAdmin || a.role == RoleRepresentative }

// in is the actor as written in another office's audit log: the same user
// and role, the entry filed under org. Only audit entries use it.
func (a Actor) in(org string) Actor { a.org = org; return a }

// ShareFamily shares a family of the actor's office with a partner office.
// Administrators and representatives only.
func (s *Store) ShareFamily(ctx context.Context, a Actor, n NewShare) (sh *Share, err error) {
	defer wrap(&err, "store.ShareFamily(%s)", n.FamilyID)
	if err := a.check(a.canShare()); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	switch {
	case n.Access != AccessRead && n.Access != AccessWrite:
		return nil, fmt.Errorf("%w: access %q: want read or write", ErrInvalid, n.Access)
	case n.PartnerOrgID == "":
		return nil, fmt.Errorf("%w: partner: no office named", ErrInvalid)
	case n.PartnerOrgID == a.org:
		return nil, fmt.Errorf("%w: partner: a family is not shared with its own office", ErrInvalid)
	case !n.ExpiresAt.After(now):
		return nil, fmt.Errorf("%w: expires: %s is not in the future", ErrInvalid, n.ExpiresAt.UTC().Format(time.DateOnly))
	case n.ExpiresAt.After(now.AddDate(0, 0, MaxShareDays)):
		return nil, fmt.Errorf("%w: expires: a share lasts at most %d days", ErrInvalid, MaxShareDays)
	}
	members := slices.Clone(n.Members)
	slices.Sort(members)
	members = slices.Compact(members)
	for _, m := range members {
		if m == "" || strings.ContainsAny(m, " \t\r\n") {
			return nil, fmt.Errorf("%w: members: %q is not a relative's id", ErrInvalid, m)
		}
	}
	sh = &Share{ID: newID("s"), FamilyID: n.FamilyID, OrgID: a.org, PartnerOrgID: n.PartnerOrgID, Members: members,
		Access: n.Access, ExpiresAt: n.ExpiresAt.UTC(), CreatedAt: now, CreatedBy: a.user}
	err = s.txAt(ctx, now, func(t *txn) error {
		detail := sh.ID + " " + string(sh.Access) + " " + shareSpan(members)
		if err := t.audit(ctx, a, ActionShareCreate, n.FamilyID, detail+" to "+n.PartnerOrgID); err != nil {
			return err
		}
		rec, err := t.readFamily(ctx, a, n.FamilyID, 0)
		if err != nil {
			return err
		}
		for _, m := range members {
			if rec.Family.Member(m) == nil {
				return fmt.Errorf("%w: members: %q is not a relative of this family", ErrInvalid, m)
			}
		}
		if err := t.queryRow(ctx, `/* store.ShareFamily */ SELECT name FROM orgs WHERE id = ?`, n.PartnerOrgID).Scan(&sh.PartnerName); err != nil {
			if errors.Is(notFound(err), ErrNotFound) {
				return fmt.Errorf("%w: partner: no office %q", ErrInvalid, n.PartnerOrgID)
			}
			return err
		}
		if err := t.audit(ctx, a.in(n.PartnerOrgID), ActionShareCreate, n.FamilyID, detail+" from "+a.org); err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.ShareFamily */
			INSERT INTO family_shares (id, org_id, family_id, partner_org_id, members, access, expires_at, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sh.ID, a.org, n.FamilyID, n.PartnerOrgID, strings.Join(members, " "), string(n.Access), micros(sh.ExpiresAt), micros(now), a.user)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}

// shareSpan says what a share covers, for the audit log: ids only.
func shareSpan(members []string) string {
	if len(members) == 0 {
		return "family"
	}
	return "members " + strings.Join(members, ",")
}

// RevokeShare ends a share at once. Revoking a revoked share does nothing.
// Administrators and representatives of the family's office only.
func (s *Store) RevokeShare(ctx context.Context, a Actor, shareID string) (err error) {
	defer wrap(&err, "store.RevokeShare(%s)", shareID)
	if err := a.check(a.canShare()); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		var family, partner string
		var revoked *int64
		if err := t.queryRow(ctx, `/* store.RevokeShare */ SELECT family_id, partner_org_id, revoked_at FROM family_shares WHERE id = ? AND org_id = ?`,
			shareID, a.org).Scan(&family, &partner, &revoked); err != nil {
			return notFound(err)
		}
		if revoked != nil {
			return nil
		}
		if err := t.audit(ctx, a, ActionShareRevoke, family, shareID); err != nil {
			return err
		}
		if err := t.audit(ctx, a.in(partner), ActionShareRevoke, family, shareID); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.RevokeShare */ UPDATE family_shares SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`,
			micros(t.now), a.user, shareID)
		return err
	})
}

const shareColumns = `sh.id, sh.family_id, sh.org_id, sh.partner_org_id, p.name, o.name, sh.members, sh.access,
	sh.expires_at, sh.created_at, sh.created_by, sh.revoked_at, sh.revoked_by`

const shareFrom = ` FROM family_shares sh JOIN orgs p ON p.id = sh.partner_org_id JOIN orgs o ON o.id = sh.org_id `

func (t *txn) shares(ctx context.Context, where string, args ...any) ([]Share, error) {
	rows, err := t.query(ctx, `/* store.shares */ SELECT `+shareColumns+shareFrom+`WHERE `+where+` ORDER BY sh.created_at DESC, sh.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Share
	for rows.Next() {
		var sh Share
		var members, access string
		var expires, created int64
		var revoked *int64
		var revokedBy *string
		if err := rows.Scan(&sh.ID, &sh.FamilyID, &sh.OrgID, &sh.PartnerOrgID, &sh.PartnerName, &sh.OwnerName, &members, &access,
			&expires, &created, &sh.CreatedBy, &revoked, &revokedBy); err != nil {
			return nil, err
		}
		sh.Members, sh.Access = strings.Fields(members), Access(access)
		sh.ExpiresAt, sh.CreatedAt = fromMicros(expires), fromMicros(created)
		if revoked != nil {
			sh.RevokedAt = fromMicros(*revoked)
		}
		if revokedBy != nil {
			sh.RevokedBy = *revokedBy
		}
		out = append(out, sh)
	}
	return out, rows.Err()
}

// Shares lists every share of a family, revoked and expired ones included,
// newest first. Staff of the family's office only.
func (s *Store) Shares(ctx context.Context, a Actor, familyID string) (out []Share, err error) {
	defer wrap(&err, "store.Shares(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		out, err = t.shares(ctx, `sh.family_id = ? AND sh.org_id = ?`, familyID, a.org)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, s.logRead(ctx, a, ActionFamilyRead, familyID, "shares")
}

// SharedFamily is a family another office shares with the actor's.
type SharedFamily struct {
	Share
	Label string // the principal's name
}

// SharedWithUs lists the active shares to the actor's office, newest first,
// with the principal's name. Staff only; audited as one list entry.
func (s *Store) SharedWithUs(ctx context.Context, a Actor) (out []SharedFamily, err error) {
	defer wrap(&err, "store.SharedWithUs")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		shares, err := t.shares(ctx, `sh.partner_org_id = ? AND sh.revoked_at IS NULL AND sh.expires_at > ?`, a.org, micros(t.now))
		if err != nil {
			return err
		}
		for _, sh := range shares {
			var sealed []byte
			if err := t.queryRow(ctx, `/* store.SharedWithUs */ SELECT label_enc FROM families WHERE id = ? AND org_id = ?`,
				sh.FamilyID, sh.OrgID).Scan(&sealed); err != nil {
				return err
			}
			label, err := t.openFor(ctx, sh.OrgID, sealed, aad("families", "label", sh.FamilyID))
			if err != nil {
				return err
			}
			out = append(out, SharedFamily{Share: sh, Label: string(label)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.logRead(ctx, a, ActionFamilyList, "", "shared "+fmt.Sprint(len(out)))
}

// grant is what the active shares of one family to the actor's office
// allow together.
type grant struct {
	owner   string
	shares  []string
	whole   bool
	members map[string]bool
	write   bool
}

// covers reports whether the grant reaches a relative; "" is the family
// as a whole (its own thread, its family-wide tasks): whole shares only.
func (g *grant) covers(member string) bool {
	return g.whole || (member != "" && g.members[member])
}

// partnerGrant returns what the active shares of a family to the actor's
// office allow, or ErrNotFound when there is none (or the actor is not
// staff: a partner office's clients reach nothing).
func (t *txn) partnerGrant(ctx context.Context, a Actor, familyID string) (*grant, error) {
	if !a.staff() {
		return nil, ErrNotFound
	}
	shares, err := t.shares(ctx, `sh.family_id = ? AND sh.partner_org_id = ? AND sh.revoked_at IS NULL AND sh.expires_at > ?`,
		familyID, a.org, micros(t.now))
	if err != nil {
		return nil, err
	}
	if len(shares) == 0 {
		return nil, ErrNotFound
	}
	g := &grant{owner: shares[0].OrgID, members: map[string]bool{}}
	for _, sh := range shares {
		g.shares = append(g.shares, sh.ID)
		g.whole = g.whole || sh.Whole()
		g.write = g.write || sh.Access == AccessWrite
		for _, m := range sh.Members {
			g.members[m] = true
		}
	}
	slices.Sort(g.shares)
	return g, nil
}

// reach is how an actor reaches a family: as one of its office (a client
// of it included), or through shares (g set).
type reach struct {
	owner string // the family's office, whose data key seals its data
	g     *grant
}

func (r reach) covers(member string) bool { return r.g == nil || r.g.covers(member) }

// writable reports whether the actor may add notes and tasks: the office's
// staff, or a partner with a write share.
func (r reach) writable(a Actor) bool {
	if r.g != nil {
		return r.g.write
	}
	return a.staff()
}

// reachFamily finds how the actor reaches a family, or ErrNotFound.
func (t *txn) reachFamily(ctx context.Context, a Actor, familyID string) (reach, error) {
	err := t.familyVisible(ctx, a, familyID)
	if err == nil {
		return reach{owner: a.org}, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return reach{}, err
	}
	return t.reachShared(ctx, a, familyID)
}

// reachShared reaches a family outside the actor's scope through the
// shares to the actor's office, or answers ErrNotFound.
func (t *txn) reachShared(ctx context.Context, a Actor, familyID string) (reach, error) {
	g, err := t.partnerGrant(ctx, a, familyID)
	if err != nil {
		return reach{}, err
	}
	return reach{owner: g.owner, g: g}, nil
}

// auditReach appends the entry in the actor's office and, when the family
// is reached through shares, in the family's office too, naming them.
func (t *txn) auditReach(ctx context.Context, a Actor, r reach, action, family, detail string) error {
	if r.g == nil {
		return t.audit(ctx, a, action, family, detail)
	}
	detail += " via share " + strings.Join(r.g.shares, ",")
	if err := t.audit(ctx, a, action, family, detail); err != nil {
		return err
	}
	return t.audit(ctx, a.in(r.owner), action, family, detail)
}

// logReach records a read of a family reached as r once the read's
// transaction is over, through the writer of reads (audit_writer.go): in
// the reader's office, and for a partner office in the family's office too.
func (s *Store) logReach(ctx context.Context, a Actor, r reach, action, family, detail string) error {
	if r.g == nil {
		return s.logRead(ctx, a, action, family, detail)
	}
	detail += " via share " + strings.Join(r.g.shares, ",")
	if err := s.logRead(ctx, a, action, family, detail); err != nil {
		return err
	}
	return s.logRead(ctx, a.in(r.owner), action, family, detail)
}

// Reach is what the shares of a family to a partner office cover, for the
// pages to offer what may be done.
type Reach struct {
	Whole   bool
	Members []string // the relatives covered, when not the whole family
	Write   bool
}

func (g *grant) reach() *Reach {
	r := &Reach{Whole: g.whole, Write: g.write}
	for m := range g.members {
		r.Members = append(r.Members, m)
	}
	slices.Sort(r.Members)
	return r
}

// Covers reports whether the shares reach a relative ("": the family).
func (r *Reach) Covers(member string) bool {
	return r == nil || r.Whole || (member != "" && slices.Contains(r.Members, member))
}
