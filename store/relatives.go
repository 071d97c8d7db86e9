package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/risk"
)

// What a team knows about each relative who stayed behind (package risk):
// the timeline and the incident log share one table of sealed rows
// (relative_log), the risk level has its own (relative_risk), and a raised
// level leaves a notification for the assigned team (risk_notifications).
// Every write also refreshes the relative's dated items of the "needs
// action" list (petition_due, source 'risk'), computed by risk.Dues.

// Audit actions of the relatives' logs. The entries name the relative and
// the row, never what it says.
const (
	ActionTimelineAdd  = "relative.timeline"
	ActionIncidentAdd  = "relative.incident"
	ActionRiskLevel    = "relative.risk"
	ActionRiskNotified = "relative.risk.seen"
)

// Which log a relative_log row belongs to.
const (
	logTimeline = "timeline"
	logIncident = "incident"
)

// TimelineEntry is a stored entry of a relative's timeline.
type TimelineEntry struct {
	ID, FamilyID, MemberID string
	Seq                    int
	Entry                  risk.Entry
	CreatedAt              time.Time
	CreatedBy              string
}

// IncidentRecord is a stored incident; CreatedBy is who recorded it.
type IncidentRecord struct {
	ID, FamilyID, MemberID string
	Seq                    int
	Incident               risk.Incident
	CreatedAt              time.Time
	CreatedBy              string
}

// RiskChange is one step of a relative's risk level history.
type RiskChange struct {
	ID, FamilyID, MemberID string
	Seq                    int
	Level                  risk.Level
	Day                    reunite.Date
	Reason                 string
	CreatedAt              time.Time
	CreatedBy              string
	Raised                 bool // higher than the level before
}

// RelativeLogs is everything recorded about the relatives of a family, by
// relative (member id), each in the order recorded.
type RelativeLogs struct {
	Timeline  map[string][]TimelineEntry
	Incidents map[string][]IncidentRecord
	Risk      map[string][]RiskChange
}

// Level returns a relative's current risk level, "" when none was set.
func (l *RelativeLogs) Level(member string) risk.Level {
	if h := l.Risk[member]; len(h) > 0 {
		return h[len(h)-1].Level
	}
	return ""
}

// Entries returns the plain timeline entries of a relative.
func (l *RelativeLogs) Entries(member string) []risk.Entry {
	var out []risk.Entry
	for _, e := range l.Timeline[member] {
		out = append(out, e.Entry)
	}
	return out
}

// IncidentLog returns the plain incidents of a relative.
func (l *RelativeLogs) IncidentLog(member string) []risk.Incident {
	var out []risk.Incident
	for _, in := range l.Incidents[member] {
		out = append(out, in.Incident)
	}
	return out
}

// invalid joins a value's problems into one ErrInvalid naming them all.
func invalid(what string, errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s: %w", ErrInvalid, what, errors.Join(errs...))
}

// AddTimelineEntry records an entry of a relative's timeline. The family's
// staff, or a partner's staff with a write share covering the relative.
func (s *Store) AddTimelineEntry(ctx context.Context, a Actor, familyID, memberID string, e risk.Entry) (out *TimelineEntry, err error) {
	defer wrap(&err, "store.AddTimelineEntry(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if err := invalid("timeline entry", e.Validate()); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		r, err := t.relativeWritable(ctx, a, familyID, memberID)
		if err != nil {
			return err
		}
		id, seq, err := t.addRelativeLog(ctx, a, r, familyID, memberID, logTimeline, ActionTimelineAdd, e)
		if err != nil {
			return err
		}
		out = &TimelineEntry{ID: id, FamilyID: familyID, MemberID: memberID, Seq: seq, Entry: e, CreatedAt: t.now, CreatedBy: a.user}
		return t.writeRiskDues(ctx, s.riskRules(), r.owner, familyID, memberID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AddIncident records an incident of a relative. The documents it cites
// must be the family's; a partner may cite only documents for the relative
// (Document.Members), such as those it uploaded (AddEvidence), since the
// family's other documents are not shared with it. The family's staff, or a
// partner's staff with a write share covering the relative.
func (s *Store) AddIncident(ctx context.Context, a Actor, familyID, memberID string, in risk.Incident) (out *IncidentRecord, err error) {
	defer wrap(&err, "store.AddIncident(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if err := invalid("incident", in.Validate()); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		// The family first: a document id of another family or office is
		// then refused without saying whether it exists.
		r, err := t.relativeWritable(ctx, a, familyID, memberID)
		if err != nil {
			return err
		}
		for i, id := range in.Documents() {
			d, err := t.scanDocument(ctx, a.in(r.owner), t.queryRow(ctx, `/* store.AddIncident */
				SELECT `+docColumns+` FROM documents d LEFT JOIN document_thumbs th ON th.document_id = d.id
				WHERE d.id = ? AND d.family_id = ? AND d.org_id = ?`, id, familyID, r.owner))
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if d == nil || (r.g != nil && !d.Serves(memberID)) {
				return fmt.Errorf("%w: incident: sources[%d]: %q is not a document of this family", ErrInvalid, i, id)
			}
		}
		id, seq, err := t.addRelativeLog(ctx, a, r, familyID, memberID, logIncident, ActionIncidentAdd, in)
		if err != nil {
			return err
		}
		out = &IncidentRecord{ID: id, FamilyID: familyID, MemberID: memberID, Seq: seq, Incident: in, CreatedAt: t.now, CreatedBy: a.user}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// addRelativeLog seals and appends one row of a relative's log, in the
// family's office and under its key, after the audit entries (which name
// the row and the log, not its content).
func (t *txn) addRelativeLog(ctx context.Context, a Actor, r reach, familyID, memberID, log, action string, v any) (string, int, error) {
	id := newID("r")
	var seq int
	if err := t.queryRow(ctx, `/* store.addRelativeLog */
		SELECT COALESCE(MAX(seq), 0) + 1 FROM relative_log WHERE family_id = ? AND member_id = ?`, familyID, memberID).Scan(&seq); err != nil {
		return "", 0, err
	}
	if err := t.auditReach(ctx, a, r, action, familyID, fmt.Sprintf("%s %s #%d", id, memberID, seq)); err != nil {
		return "", 0, err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return "", 0, err
	}
	sealed, err := t.sealFor(ctx, r.owner, body, aad("relative_log", "body", id))
	if err != nil {
		return "", 0, err
	}
	if _, err := t.exec(ctx, `/* store.addRelativeLog */
		INSERT INTO relative_log (id, org_id, family_id, member_id, seq, log, body_enc, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, r.owner, familyID, memberID, seq, log, sealed, micros(t.now), a.user); err != nil {
		if isUniqueViolation(err) {
			return "", 0, fmt.Errorf("%w: another entry of relative %s was recorded at the same time; try again", ErrConflict, memberID)
		}
		return "", 0, err
	}
	return id, seq, nil
}

// relativeWritable finds how the actor reaches the family and checks that
// it may write the relative's log: the family's staff, or a partner whose
// write share covers the relative (a read share: forbidden; a relative not
// shared: not found, as a relative the family does not have).
func (t *txn) relativeWritable(ctx context.Context, a Actor, familyID, memberID string) (reach, error) {
	r, err := t.reachFamily(ctx, a, familyID)
	if err != nil {
		return reach{}, err
	}
	if !r.covers(memberID) {
		return reach{}, fmt.Errorf("%w: family %s has no relative %q", ErrNotFound, familyID, memberID)
	}
	if !r.writable(a) {
		return reach{}, ErrForbidden
	}
	rec, err := t.readFamilyIn(ctx, "f.org_id = ?", []any{r.owner}, familyID, 0)
	if err != nil {
		return reach{}, err
	}
	if rec.Family.Member(memberID) == nil {
		return reach{}, fmt.Errorf("%w: family %s has no relative %q", ErrNotFound, familyID, memberID)
	}
	return r, nil
}

// SetRiskLevel records a relative's risk level and why. When it raises the
// level, the family's caseworker and attorney (or, with nobody assigned,
// the whole office) are notified in the same transaction, also when a
// partner raised it. The family's staff, or a partner's staff with a write
// share covering the relative.
func (s *Store) SetRiskLevel(ctx context.Context, a Actor, familyID, memberID string, level risk.Level, reason string) (out *RiskChange, err error) {
	defer wrap(&err, "store.SetRiskLevel(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if _, err := risk.ParseLevel(string(level)); err != nil {
		return nil, fmt.Errorf("%w: level: %v", ErrInvalid, err)
	}
	if len(reason) > risk.MaxText {
		return nil, fmt.Errorf("%w: reason: longer than %d characters", ErrInvalid, risk.MaxText)
	}
	err = s.tx(ctx, func(t *txn) error {
		r, err := t.relativeWritable(ctx, a, familyID, memberID)
		if err != nil {
			return err
		}
		seq, prev, err := t.lastRisk(ctx, r.owner, familyID, memberID)
		if err != nil {
			return err
		}
		out = &RiskChange{ID: newID("k"), FamilyID: familyID, MemberID: memberID, Seq: seq + 1,
			Level: level, Day: reunite.DateOf(t.now), Reason: reason, CreatedAt: t.now, CreatedBy: a.user,
			Raised: risk.Raised(prev, level)}
		if err := t.auditReach(ctx, a, r, ActionRiskLevel, familyID,
			fmt.Sprintf("%s %s #%d %s", out.ID, memberID, out.Seq, level)); err != nil {
			return err
		}
		sealed, err := t.sealFor(ctx, r.owner, []byte(reason), aad("relative_risk", "reason", out.ID))
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `/* store.SetRiskLevel */
			INSERT INTO relative_risk (id, org_id, family_id, member_id, seq, level, day, reason_enc, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, out.ID, r.owner, familyID, memberID, out.Seq, string(level), out.Day.String(),
			sealed, micros(t.now), a.user); err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("%w: the risk of relative %s was changed at the same time; try again", ErrConflict, memberID)
			}
			return err
		}
		if out.Raised {
			if err := t.notifyRisk(ctx, a, r.owner, familyID, memberID, level); err != nil {
				return err
			}
		}
		return t.writeRiskDues(ctx, s.riskRules(), r.owner, familyID, memberID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// notifyRisk leaves one notification per assigned person of the family's
// office (owner), or one for that office when nobody is assigned.
func (t *txn) notifyRisk(ctx context.Context, a Actor, owner, familyID, memberID string, level risk.Level) error {
	var cw, at sql.NullString
	err := t.queryRow(ctx, `/* store.notifyRisk */
		SELECT caseworker_id, attorney_id FROM family_assignments WHERE family_id = ? AND org_id = ?`, familyID, owner).Scan(&cw, &at)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var to []any
	for _, p := range []sql.NullString{cw, at} {
		if p.String != "" && !slices.Contains(to, any(p.String)) {
			to = append(to, p.String)
		}
	}
	if len(to) == 0 {
		to = []any{nil}
	}
	for _, r := range to {
		if _, err := t.exec(ctx, `/* store.notifyRisk */
			INSERT INTO risk_notifications (id, org_id, family_id, member_id, recipient_id, level, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, newID("n"), owner, familyID, memberID, r, string(level), micros(t.now), a.user); err != nil {
			return err
		}
	}
	return nil
}

// RelativeLogs returns the timeline, incidents and risk history of every
// relative of a family the actor reaches: all of them for the family's
// office, the shared ones for a partner. Audited as one read of the family
// (in both offices through a share).
func (s *Store) RelativeLogs(ctx context.Context, a Actor, familyID string) (out *RelativeLogs, err error) {
	defer wrap(&err, "store.RelativeLogs(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	var r reach
	err = s.readTx(ctx, func(t *txn) error {
		if r, err = t.reachFamily(ctx, a, familyID); err != nil {
			return err
		}
		if out, err = t.relativeLogs(ctx, r.owner, familyID, ""); err != nil {
			return err
		}
		// The relatives not shared leave no trace, not even their ids.
		maps.DeleteFunc(out.Timeline, func(m string, _ []TimelineEntry) bool { return !r.covers(m) })
		maps.DeleteFunc(out.Incidents, func(m string, _ []IncidentRecord) bool { return !r.covers(m) })
		maps.DeleteFunc(out.Risk, func(m string, _ []RiskChange) bool { return !r.covers(m) })
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.logReach(ctx, a, r, ActionFamilyRead, familyID, "relative logs")
}

// relativeLogs reads and opens the logs of a family (of one relative when
// member is not ""): the timeline entries and incidents, then the risk
// levels, in one statement. The dashboard reads them for every family,
// most of which have none: two statements were two round trips through
// the driver for nothing.
func (t *txn) relativeLogs(ctx context.Context, org, familyID, member string) (*RelativeLogs, error) {
	out := &RelativeLogs{Timeline: map[string][]TimelineEntry{}, Incidents: map[string][]IncidentRecord{}, Risk: map[string][]RiskChange{}}
	// The two tables' rows in one list, told apart by the first column:
	// the logs ('l') first, then the risk levels ('r'), each by relative
	// and in the order recorded. kind is the log's name or the level; day
	// is the level's day ('' for a log).
	rows, err := t.query(ctx, `/* store.relativeLogs */
		SELECT 'l', id, member_id, seq, log, '', body_enc, created_at, created_by FROM relative_log
		WHERE family_id = ? AND org_id = ? AND (? = '' OR member_id = ?)
		UNION ALL
		SELECT 'r', id, member_id, seq, level, day, reason_enc, created_at, created_by FROM relative_risk
		WHERE family_id = ? AND org_id = ? AND (? = '' OR member_id = ?)
		ORDER BY 1, 3, 4`, familyID, org, member, member, familyID, org, member, member)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		var row loggedRow
		if err := rows.Scan(&table, &row.id, &row.member, &row.seq, &row.kind, &row.day, &row.sealed, &row.at, &row.by); err != nil {
			return nil, err
		}
		if table == "r" {
			if err := t.addRiskChange(ctx, out.Risk, org, familyID, row); err != nil {
				return nil, err
			}
			continue
		}
		body, err := t.openFor(ctx, org, row.sealed, aad("relative_log", "body", row.id))
		if err != nil {
			return nil, err
		}
		m := row.member
		switch row.kind {
		case logTimeline:
			e := TimelineEntry{ID: row.id, FamilyID: familyID, MemberID: m, Seq: row.seq, CreatedAt: fromMicros(row.at), CreatedBy: row.by}
			if err := json.Unmarshal(body, &e.Entry); err != nil {
				return nil, fmt.Errorf("timeline entry %s: %w", row.id, err)
			}
			out.Timeline[m] = append(out.Timeline[m], e)
		case logIncident:
			in := IncidentRecord{ID: row.id, FamilyID: familyID, MemberID: m, Seq: row.seq, CreatedAt: fromMicros(row.at), CreatedBy: row.by}
			if err := json.Unmarshal(body, &in.Incident); err != nil {
				return nil, fmt.Errorf("incident %s: %w", row.id, err)
			}
			out.Incidents[m] = append(out.Incidents[m], in)
		default:
			return nil, fmt.Errorf("relative log %s: unknown log %q", row.id, row.kind)
		}
	}
	return out, rows.Err()
}

// loggedRow is a row of relative_log or relative_risk as relativeLogs
// reads both: kind is the log's name or the level, day the level's day
// ("" for a log), sealed the log's body or the level's reason.
type loggedRow struct {
	id, member string
	seq        int
	kind, day  string
	sealed     []byte
	at         int64
	by         string
}

// addRiskChange opens a row of relative_risk and appends it to its
// relative's history, which holds the relative's earlier changes in order
// (Raised compares with the last of them).
func (t *txn) addRiskChange(ctx context.Context, hist map[string][]RiskChange, org, familyID string, row loggedRow) error {
	reason, err := t.openFor(ctx, org, row.sealed, aad("relative_risk", "reason", row.id))
	if err != nil {
		return err
	}
	c := RiskChange{ID: row.id, FamilyID: familyID, MemberID: row.member, Seq: row.seq, Level: risk.Level(row.kind),
		Reason: string(reason), CreatedAt: fromMicros(row.at), CreatedBy: row.by}
	if c.Day, err = reunite.ParseDate(row.day); err != nil {
		return fmt.Errorf("risk change %s: %w", row.id, err)
	}
	h := hist[row.member]
	var before risk.Level
	if len(h) > 0 {
		before = h[len(h)-1].Level
	}
	c.Raised = risk.Raised(before, c.Level)
	hist[row.member] = append(h, c)
	return nil
}

// lastRisk returns the number and level of a relative's latest risk
// change (0 and "" when none): a new change takes the next number and is
// raised if higher. Its reason is not opened: nothing here shows it.
func (t *txn) lastRisk(ctx context.Context, org, familyID, member string) (seq int, level risk.Level, err error) {
	err = t.queryRow(ctx, `/* store.lastRisk */
		SELECT seq, level FROM relative_risk WHERE family_id = ? AND org_id = ? AND member_id = ?
		ORDER BY seq DESC LIMIT 1`, familyID, org, member).Scan(&seq, &level)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return seq, level, err
}

// writeRiskDues replaces a relative's 'risk' rows of petition_due with
// what risk.Dues computes from the whole log.
func (t *txn) writeRiskDues(ctx context.Context, r risk.Rules, org, familyID, memberID string) error {
	logs, err := t.relativeLogs(ctx, org, familyID, memberID)
	if err != nil {
		return err
	}
	var history []risk.Change
	for _, c := range logs.Risk[memberID] {
		history = append(history, risk.Change{Level: c.Level, Day: c.Day})
	}
	if _, err := t.exec(ctx, `/* store.writeRiskDues */
		DELETE FROM petition_due WHERE family_id = ? AND member_id = ? AND source = 'risk'`, familyID, memberID); err != nil {
		return err
	}
	for _, d := range risk.Dues(logs.Entries(memberID), history, r) {
		if _, err := t.exec(ctx, `/* store.writeRiskDues */
			INSERT INTO petition_due (org_id, family_id, member_id, kind, due, notice, check_notice, source)
			VALUES (?, ?, ?, ?, ?, NULL, 0, 'risk')`, org, familyID, memberID, d.Kind, d.Date.String()); err != nil {
			return err
		}
	}
	return t.reindexDue(ctx, familyID)
}

// FromRiskLog reports whether a needs-action item comes from a relative's
// risk log (risk.Dues) rather than a petition or the law.
func (it ActionItem) FromRiskLog() bool {
	switch it.Kind {
	case risk.DueContact, risk.DueStatus, risk.DueUrgent:
		return true
	}
	return false
}

func (s *Store) riskRules() risk.Rules {
	if s.risk.ContactDays == 0 && s.risk.ExpiryDays == 0 {
		return risk.DefaultRules
	}
	return s.risk
}

// RiskNotification says that a relative's risk was raised.
type RiskNotification struct {
	ID, FamilyID, MemberID string
	Level                  risk.Level
	At                     time.Time
	By                     string
	ToOffice               bool // nobody was assigned: for everyone of the office
}

// RiskNotifications lists the notifications the actor has not dismissed:
// theirs and the office's, newest first. Staff only; audited as one list
// entry with the count.
func (s *Store) RiskNotifications(ctx context.Context, a Actor) (out []RiskNotification, err error) {
	defer wrap(&err, "store.RiskNotifications")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.RiskNotifications */
			SELECT n.id, n.family_id, n.member_id, n.level, n.created_at, n.created_by, n.recipient_id IS NULL
			FROM risk_notifications n JOIN families f ON f.id = n.family_id AND f.org_id = n.org_id
			WHERE n.org_id = ? AND n.seen_at IS NULL AND (n.recipient_id = ? OR n.recipient_id IS NULL)
			ORDER BY n.created_at DESC, n.id`, a.org, a.user)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n RiskNotification
			var level string
			var at int64
			if err := rows.Scan(&n.ID, &n.FamilyID, &n.MemberID, &level, &at, &n.By, &n.ToOffice); err != nil {
				return err
			}
			n.Level, n.At = risk.Level(level), fromMicros(at)
			out = append(out, n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, s.logRead(ctx, a, ActionFamilyList, "", "risk notifications "+strconv.Itoa(len(out)))
}

// DismissRiskNotification marks a notification of the actor (or of the
// office) seen. Staff only.
func (s *Store) DismissRiskNotification(ctx context.Context, a Actor, id string) (err error) {
	defer wrap(&err, "store.DismissRiskNotification(%s)", id)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		var family string
		if err := t.queryRow(ctx, `/* store.DismissRiskNotification */
			SELECT family_id FROM risk_notifications WHERE id = ? AND org_id = ? AND (recipient_id = ? OR recipient_id IS NULL)`,
			id, a.org, a.user).Scan(&family); err != nil {
			return notFound(err)
		}
		if err := t.audit(ctx, a, ActionRiskNotified, family, id); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.DismissRiskNotification */
			UPDATE risk_notifications SET seen_at = ? WHERE id = ? AND org_id = ? AND seen_at IS NULL`, micros(t.now), id, a.org)
		return err
	})
}
