package tracking

import (
	"fmt"
	"strings"
)

// ServiceCenter is an office whose three letters begin a USCIS receipt
// number.
type ServiceCenter struct {
	Prefix string
	Office string
}

// ServiceCenters are the prefixes a receipt number may start with. Source:
// Capitol Immigration Law Group, "USCIS Receipt Numbers Explained", and the
// easy-visa-check decoder (process.md section 3.2, checked 2026-11). A new
// prefix is a new row here.
var ServiceCenters = []ServiceCenter{
	{"EAC", "Vermont Service Center"},
	{"VSC", "Vermont Service Center"},
	{"WAC", "California Service Center"},
	{"CSC", "California Service Center"},
	{"LIN", "Nebraska Service Center"},
	{"NSC", "Nebraska Service Center"},
	{"SRC", "Texas Service Center"},
	{"TSC", "Texas Service Center"},
	{"MSC", "National Benefits Center"},
	{"NBC", "National Benefits Center"},
	{"IOE", "USCIS ELIS (electronic processing)"},
	{"YSC", "Potomac Service Center"},
}

// Receipt is a checked USCIS receipt number: three letters of a known
// service center and ten digits (two of the fiscal year, three of the
// workday, five of sequence).
type Receipt string

// Center returns the office named by the receipt's prefix.
func (r Receipt) Center() string {
	for _, c := range ServiceCenters {
		if len(r) >= 3 && string(r[:3]) == c.Prefix {
			return c.Office
		}
	}
	return ""
}

// ParseReceipt reads a receipt number as people copy it from a notice:
// "SRC-26-123-45678", "src 2612345678" and "SRC2612345678" are one number.
// Dashes and spaces are dropped and letters upper-cased; anything else is an
// error that says what was expected.
func ParseReceipt(s string) (Receipt, error) {
	var b strings.Builder
	for _, c := range strings.TrimSpace(s) {
		switch {
		case c == '-' || c == ' ':
		case c >= 'a' && c <= 'z':
			b.WriteRune(c - 'a' + 'A')
		default:
			b.WriteRune(c)
		}
	}
	n := b.String()
	if n == "" {
		return "", fmt.Errorf("receipt number is empty (expected three letters and ten digits, such as SRC2612345678)")
	}
	if len(n) != 13 {
		return "", fmt.Errorf("receipt number %q has %d characters without dashes and spaces (expected 13: three letters and ten digits)", s, len([]rune(n)))
	}
	for i := 3; i < 13; i++ {
		if n[i] < '0' || n[i] > '9' {
			return "", fmt.Errorf("receipt number %q: characters 4 to 13 must be digits", s)
		}
	}
	r := Receipt(n)
	if r.Center() == "" {
		return "", fmt.Errorf("receipt number %q: %q is not the prefix of a USCIS service center (expected one of %s)", s, n[:3], prefixList())
	}
	return r, nil
}

func prefixList() string {
	p := make([]string, len(ServiceCenters))
	for i, c := range ServiceCenters {
		p[i] = c.Prefix
	}
	return strings.Join(p, ", ")
}
