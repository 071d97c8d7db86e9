// Package calendar writes the deadlines of an assessment as an iCalendar
// file (RFC 5545), so that a family or an office sees the last day to file
// in the calendar they already use, with reminders before it passes.
//
// Calendars are often synced to outside services, and asylum information is
// confidential (8 CFR 208.6): by default no event names a person, and the
// UID is a hash, not an identifier from the case file.
package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// Options change what the calendar holds.
type Options struct {
	// WithNames puts relatives' names in event titles. Off by default.
	WithNames bool
	// RemindDays are the days before each deadline to be reminded; nil
	// means 60, 30, 7 and 1.
	RemindDays []int
	// Key makes UIDs stable for one family across exports (for example
	// the family's store id); events with the same Key and kind replace
	// each other when imported again.
	Key string
}

// Event is one all-day event.
type Event struct {
	UID     string
	Day     reunite.Date
	Summary string
	Detail  string
	Remind  []int
}

// Events lists the deadlines of an assessment that are still ahead of its
// as-of day: the last day to file, and each child's 21st birthday where
// filing after it would need a fact that is not recorded.
func Events(fam *reunite.Family, a *law.Assessment, o Options) []Event {
	remind := o.RemindDays
	if remind == nil {
		remind = []int{60, 30, 7, 1}
	}
	var out []Event
	if fb := a.Deadline.FileBy; fb != nil && !fb.Before(a.AsOf) && a.Petitioner.CanFile {
		n := 0
		for _, p := range a.Petitions {
			if p.Sequence != nil {
				n++
			}
		}
		out = append(out, Event{
			UID:     uid(o.Key, "file_by", fb.String()),
			Day:     *fb,
			Summary: fmt.Sprintf("Form I-730: last day to file (%d petition(s))", n),
			Detail: "The two-year period to file Form I-730 ends today. USCIS must receive the petitions by this day; " +
				"after it they are late and need a humanitarian waiver.",
			Remind: remind,
		})
	}
	for i, p := range a.Petitions {
		for _, h := range p.Hints {
			if h.Kind != "turns_21" || h.Date == nil || h.Date.Before(a.AsOf) {
				continue
			}
			// The hint's own message names the child: use it only when
			// names are allowed.
			who := fmt.Sprintf("relative %d", i+1)
			turns := " turns 21"
			detail := "A child in this family turns 21 today. A petition filed after this day must show the date that fixes the child's age " +
				"(when the asylum application was received, or the refugee interview): record it, or file before."
			if i < len(fam.Members) && fam.Members[i].BirthDate.Partial() {
				// Only the year or month of birth is known: this is the
				// earliest day the child may turn 21, not a birthday.
				turns = " may turn 21 (earliest possible day)"
				detail = "A child in this family whose exact date of birth is not known may turn 21 as early as today. " +
					"A petition filed after this day must show the date that fixes the child's age: record it, or file before."
			}
			if o.WithNames && i < len(fam.Members) {
				if n := fam.Members[i].Name.Full(); n != "" {
					who = n
				}
				detail = h.Message.String()
			}
			out = append(out, Event{
				UID:     uid(o.Key, "turns_21", p.Member),
				Day:     *h.Date,
				Summary: "Form I-730: " + who + turns,
				Detail:  detail,
				Remind:  remind,
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	return out
}

// UID derives a stable, opaque UID from a key and what the event is, for
// events made elsewhere (the calendar feed of the web application).
func UID(key string, parts ...string) string { return uid(key, parts...) }

// uid derives a stable, opaque UID from the key and what the event is.
func uid(key string, parts ...string) string {
	h := sha256.Sum256([]byte(key + "\x00" + strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:12]) + "@reunite"
}

// Write writes events as an iCalendar file.
func Write(w io.Writer, events []Event, stamp time.Time) error {
	lw := &lineWriter{w: w}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:-//Reunite//Form I-730 deadlines//EN")
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	for _, e := range events {
		lw.line("BEGIN:VEVENT")
		lw.line("UID:" + e.UID)
		lw.line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		lw.line("DTSTART;VALUE=DATE:" + compact(e.Day))
		lw.line("DTEND;VALUE=DATE:" + compact(e.Day.AddDays(1)))
		lw.line("SUMMARY:" + escape(e.Summary))
		lw.line("DESCRIPTION:" + escape(e.Detail))
		lw.line("TRANSP:TRANSPARENT")
		for _, d := range e.Remind {
			lw.line("BEGIN:VALARM")
			lw.line("ACTION:DISPLAY")
			lw.line("DESCRIPTION:" + escape(e.Summary))
			lw.line(fmt.Sprintf("TRIGGER:-P%dD", d))
			lw.line("END:VALARM")
		}
		lw.line("END:VEVENT")
	}
	lw.line("END:VCALENDAR")
	return lw.err
}

func compact(d reunite.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

// escape writes TEXT values as RFC 5545 section 3.3.11 asks.
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)
	return r.Replace(s)
}

// lineWriter ends lines with CRLF and folds them at 75 octets without
// splitting a UTF-8 character (RFC 5545 section 3.1).
type lineWriter struct {
	w   io.Writer
	err error
}

func (l *lineWriter) line(s string) {
	if l.err != nil {
		return
	}
	var b strings.Builder
	width := 0
	for _, r := range s {
		n := len(string(r))
		if width+n > 75 {
			b.WriteString("\r\n ")
			width = 1
		}
		b.WriteRune(r)
		width += n
	}
	b.WriteString("\r\n")
	_, l.err = io.WriteString(l.w, b.String())
}
