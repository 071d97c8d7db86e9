package tracking

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/reunite/reunite"
)

// eventsFrom turns bytes into a history: five bytes an event (kind, day
// offset, due offset, delivery and the extra dates, corrects). Days move
// forward and backward so that out-of-order input is tried too.
func eventsFrom(b []byte) (reunite.Location, []Event) {
	locs := []reunite.Location{"", reunite.InsideUS, reunite.OutsideUS}
	if len(b) == 0 {
		return "", nil
	}
	loc := locs[int(b[0])%3]
	b = b[1:]
	base := reunite.NewDate(2026, 1, 1)
	var out []Event
	for len(b) >= 5 {
		k := Kinds[int(b[0])%len(Kinds)]
		base = base.AddDays(int(int8(b[1])))
		e := Event{Kind: k, Date: base}
		if b[2] != 0 {
			e.Due = base.AddDays(int(int8(b[2])))
		}
		e.Delivery = []Delivery{"", ByMail, ByMailAbroad, InPerson}[b[3]%4]
		if b[3]&4 != 0 {
			e.Appointment = base.AddDays(int(int8(b[2])) / 2)
		}
		if b[3]&8 != 0 || k == VisaIssued {
			e.ValidUntil = base.AddDays(int(int8(b[2])))
		}
		if k == VisaIssued {
			e.VisaClass = "V92"
		}
		if k == ReceiptNotice {
			e.Receipt = "SRC2612345678"
		}
		if b[4] < 40 {
			e.Corrects = int(b[4]) % (len(out) + 2)
		}
		out = append(out, e)
		b = b[5:]
	}
	return loc, out
}

// checkInvariants: whatever the history, a refusal is an *Error naming an
// event of it, and no due date comes before the notice that set it.
func checkInvariants(t *testing.T, loc reunite.Location, h []Event) {
	p, err := Replay(loc, h)
	if err != nil {
		var te *Error
		if !errors.As(err, &te) || te.Seq < 1 || te.Seq > len(h) {
			t.Fatalf("refusal %v does not name an event of %d", err, len(h))
		}
		return
	}
	for _, d := range p.Dues() {
		if d.Date.IsZero() || d.Date.Before(d.Notice) {
			t.Fatalf("due %s (%s) before its notice %s; history %+v", d.Date, d.Kind, d.Notice, h)
		}
		if d.Printed == d.CheckNotice && (d.Kind == DueRFE || d.Kind == DueNOID) {
			t.Fatalf("response due both printed and to check: %+v", d)
		}
	}
	p.Next(reunite.NewDate(2027, 1, 1))
}

func FuzzReplay(f *testing.F) {
	f.Add([]byte{2, 0, 0, 0, 0, 255, 1, 1, 0, 0, 255, 3, 20, 0, 1, 255, 6, 30, 50, 2, 255})
	f.Add([]byte{1, 0, 1, 0, 0, 255, 3, 5, 0, 0, 255, 11, 40, 0, 0, 255, 12, 10, 0, 0, 255})
	f.Add([]byte{2, 6, 5, 200, 1, 255, 6, 0, 30, 0, 4, 20, 3, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		loc, h := eventsFrom(b)
		checkInvariants(t, loc, h)
	})
}

// TestNoDueBeforeItsNotice runs the fuzz property over many random
// histories built to get far along the road, so that it holds in the
// ordinary test run too.
func TestNoDueBeforeItsNotice(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for range 4000 {
		loc, h := reunite.Location([]string{"", "inside_us", "outside_us"}[r.IntN(3)]), []Event(nil)
		d := reunite.NewDate(2026, 1, 1).AddDays(r.IntN(400))
		for range 1 + r.IntN(14) {
			p, _ := Replay(loc, h)
			var k Kind
			if p != nil && r.IntN(4) > 0 {
				// Mostly an event the stage accepts, to go far.
				var ks []Kind
				for kk := range transitions[p.Stage] {
					ks = append(ks, kk)
				}
				if len(ks) == 0 {
					break
				}
				k = ks[r.IntN(len(ks))]
			} else {
				k = Kinds[r.IntN(len(Kinds))]
			}
			d = d.AddDays(r.IntN(60) - 5)
			e := Event{Kind: k, Date: d, Delivery: []Delivery{"", ByMail, ByMailAbroad, InPerson}[r.IntN(4)]}
			if r.IntN(2) == 0 {
				e.Due = d.AddDays(r.IntN(120) - 10)
			}
			if r.IntN(2) == 0 {
				e.Appointment = d.AddDays(r.IntN(90) - 5)
			}
			if k == VisaIssued || r.IntN(3) == 0 {
				e.ValidUntil = d.AddDays(r.IntN(200) - 5)
			}
			if k == VisaIssued {
				e.VisaClass = "V93"
			}
			if k == ReceiptNotice {
				e.Receipt = "IOE0912345678"
			}
			if k == Retracted || (len(h) > 0 && r.IntN(10) == 0) {
				e.Corrects = 1 + r.IntN(len(h)+1)
			}
			h = append(h, e)
			checkInvariants(t, loc, h)
			if _, err := Replay(loc, h); err != nil {
				h = h[:len(h)-1] // refused: keep the history that stood
			} else {
				accepted++
			}
		}
	}
	if accepted < 4000 {
		t.Errorf("only %d events accepted: the generator does not go far enough", accepted)
	}
}
