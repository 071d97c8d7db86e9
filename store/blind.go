package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"unicode"

	"github.com/reunite/reunite"
)

// A blind index lets the store find a family by a name or an A-number
// without keeping either in clear: family_index holds a keyed hash (HMAC
// with the organization's blind-index key) of every normalized name token
// and A-number of the family's latest version. The same word hashes the
// same way only within one organization, and without the key the hashes
// cannot be tested against a list of likely names.

// blindHash hashes one normalized term of a kind ("name", "anumber").
// 16 bytes are plenty to tell terms apart within one organization.
func blindHash(key []byte, kind, term string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(term))
	return m.Sum(nil)[:16]
}

// nameTokens normalizes a name for search: lower case, split at spaces and
// hyphens, other punctuation dropped ("Haile-Mariam O'Neil" gives haile,
// mariam, oneil).
func nameTokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '‐' || r == ','
	}) {
		t := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
				return r
			}
			return -1
		}, f)
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// normalizeANumber returns the digits of an A-number without leading zeros
// (A012345678, A-12-345-678 and 12345678 are one number), or "" if s is not
// one: an optional A, then 7 to 9 digits with optional separators.
func normalizeANumber(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && (s[0] == 'A' || s[0] == 'a') {
		s = s[1:]
	}
	var d []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == '-' || c == ' ' || c == '.':
		default:
			return ""
		}
	}
	if len(d) < 7 || len(d) > 9 {
		return ""
	}
	t := strings.TrimLeft(string(d), "0")
	if t == "" {
		return ""
	}
	return t
}

// familyTerms returns the blind-index hashes of a family: every token of
// every name (principal and members, other names included) and every
// A-number. Duplicates are dropped.
func familyTerms(key []byte, f *reunite.Family) [][]byte {
	seen := map[string]bool{}
	var out [][]byte
	add := func(kind, term string) {
		if term == "" || seen[kind+"\x00"+term] {
			return
		}
		seen[kind+"\x00"+term] = true
		out = append(out, blindHash(key, kind, term))
	}
	names := func(ns ...reunite.Name) {
		for _, n := range ns {
			for _, part := range []string{n.Family, n.Given, n.Middle} {
				for _, t := range nameTokens(part) {
					add("name", t)
				}
			}
		}
	}
	names(f.Principal.Name)
	names(f.Principal.OtherNames...)
	add("anumber", normalizeANumber(f.Principal.ANumber))
	for _, m := range f.Members {
		names(m.Name)
		names(m.OtherNames...)
		add("anumber", normalizeANumber(m.ANumber))
	}
	return out
}

// queryTerms hashes a search: an A-number, or the name tokens that must all
// match.
func queryTerms(key []byte, query string) [][]byte {
	if a := normalizeANumber(query); a != "" {
		return [][]byte{blindHash(key, "anumber", a)}
	}
	var out [][]byte
	seen := map[string]bool{}
	for _, t := range nameTokens(query) {
		if !seen[t] {
			seen[t] = true
			out = append(out, blindHash(key, "name", t))
		}
	}
	return out
}
