package remind

import (
	"github.com/reunite/reunite"
)

// How far ahead each reminder looks, in days.
const (
	DigestDays = 30 // the daily digest lists what is due within 30 days
	AlertDays  = 7  // an alert when something becomes due within 7 days
)

// The digest's groups: due within 1, 7 and 30 days, and overdue before them.
var digestGroups = []int{1, 7, 30}

// Kinds of message; also the kind recorded for each claimed reminder.
const (
	KindDigest = "digest" // a user's daily digest
	KindAlert  = "alert"  // a user's alert: something became due within 7 days
	KindClient = "client" // a family's client: something is due within 7 days
)

// windowOpens is a due kind that opens a window (the green card may be
// applied for from that day) rather than closing one: never overdue.
const windowOpens = "adjustment_opens"

// Item is one open due date of a family, by ids only.
type Item struct {
	FamilyID    string
	MemberID    string // "" for a date of the whole family
	Kind        string // a tracking.DueKind, "file_by" or "turns_21"
	Due         reunite.Date
	CheckNotice bool // a default date: the notice's own date counts
}

// Key names the item in the record of sent reminders: ids, no names.
func (i Item) Key() string { return i.FamilyID + "/" + i.MemberID + "/" + i.Kind }

// Recipient is whom a message goes to.
type Recipient struct {
	ID       string // a user id, or "family:" and the family id
	FamilyID string // set for a family's client
	Email    string
	Lang     string // the client's language; staff read English
	Digest   bool   // staff: the daily digest
	Alerts   bool   // staff: the 7-day alerts (a client always gets them)
}

// Client reports whether the recipient is a family's client.
func (r Recipient) Client() bool { return r.FamilyID != "" }

// Key is one reminder as the store records it, claimed once: to whom,
// about what (an item's key, or "digest"), of which kind, and the day (the
// digest's day, or the due date an alert is about, so that a date moved by
// a new notice is announced again).
type Key struct {
	Recipient string
	Item      string
	Kind      string
	Day       reunite.Date
}

// Line is an item in a message with its days left (negative when late)
// and whether it is announced for the first time.
type Line struct {
	Item
	Days int
	New  bool
	key  Key // the alert this line announces; zero when none
}

// Message is one e-mail to send: its lines and the reminders it stands for.
type Message struct {
	To    Recipient
	Kind  string
	Day   reunite.Date
	Lines []Line
}

// Plan returns the messages r should get on day from items (the open due
// dates of the families r is responsible for, or of the client's family):
// a staff member's digest (with the new 7-day alerts marked in it) or,
// without the digest, an alert; a client's alert. Nothing is planned when
// nothing is due. Items past the 30 days are ignored.
func Plan(day reunite.Date, r Recipient, items []Item) []Message {
	switch {
	case r.Client():
		m := Message{To: r, Kind: KindClient, Day: day, Lines: alertLines(day, r, KindClient, items)}
		return nonEmpty(m)
	case r.Digest:
		m := Message{To: r, Kind: KindDigest, Day: day}
		for _, it := range items {
			n := day.DaysUntil(it.Due)
			if n > DigestDays || (n < 0 && it.Kind == windowOpens) {
				continue
			}
			l := Line{Item: it, Days: n}
			if r.Alerts && n >= 0 && n <= AlertDays {
				l.key, l.New = Key{r.ID, it.Key(), KindAlert, it.Due}, true
			}
			m.Lines = append(m.Lines, l)
		}
		return nonEmpty(m)
	case r.Alerts:
		return nonEmpty(Message{To: r, Kind: KindAlert, Day: day, Lines: alertLines(day, r, KindAlert, items)})
	}
	return nil
}

func alertLines(day reunite.Date, r Recipient, kind string, items []Item) []Line {
	var out []Line
	for _, it := range items {
		if n := day.DaysUntil(it.Due); n >= 0 && n <= AlertDays {
			out = append(out, Line{Item: it, Days: n, New: true, key: Key{r.ID, it.Key(), kind, it.Due}})
		}
	}
	return out
}

func nonEmpty(m Message) []Message {
	if len(m.Lines) == 0 {
		return nil
	}
	return []Message{m}
}

// DigestKey is the reminder a digest stands for: one per recipient a day.
func (m Message) DigestKey() (Key, bool) {
	if m.Kind != KindDigest {
		return Key{}, false
	}
	return Key{m.To.ID, KindDigest, KindDigest, m.Day}, true
}

// AlertKeys are the alerts the message announces.
func (m Message) AlertKeys() []Key {
	var out []Key
	for _, l := range m.Lines {
		if l.key != (Key{}) {
			out = append(out, l.key)
		}
	}
	return out
}

// AfterDigest is what is left to send once today's digest has gone out
// already: an alert with the lines announced for the first time (a date
// that came within 7 days since), if the recipient takes alerts.
func (m Message) AfterDigest() (Message, bool) {
	if m.Kind != KindDigest || !m.To.Alerts {
		return Message{}, false
	}
	out := Message{To: m.To, Kind: KindAlert, Day: m.Day}
	for _, l := range m.Lines {
		if l.key != (Key{}) {
			l.key.Kind = KindAlert
			out.Lines = append(out.Lines, l)
		}
	}
	return out, len(out.Lines) > 0
}

// Claimed keeps what may be sent once the store has said which alerts
// were claimed now: in a digest, lines whose alert went out before stay
// but are no longer new; an alert keeps only its newly claimed lines, and
// is dropped when none is left.
func (m Message) Claimed(claimed []Key) (Message, bool) {
	got := map[Key]bool{}
	for _, k := range claimed {
		got[k] = true
	}
	out := m
	out.Lines = nil
	for _, l := range m.Lines {
		if l.key != (Key{}) && !got[l.key] {
			if m.Kind != KindDigest {
				continue
			}
			l.New, l.key = false, Key{}
		}
		out.Lines = append(out.Lines, l)
	}
	return out, len(out.Lines) > 0
}
