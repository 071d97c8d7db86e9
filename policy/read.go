package policy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// Read parses and checks a notice file; name is what errors call it. A
// file that does not parse, has an unknown key, names an unknown country,
// list, language, status or stage, or misses a required field is refused
// as a whole with a *FileError naming each line and field: a half-read
// notice could reach the wrong families.
func Read(name string, data []byte) (*Set, error) {
	s := &shape{data: data, pos: map[string]int{}}
	s.dec = json.NewDecoder(bytes.NewReader(data))
	s.dec.UseNumber()
	if err := s.value("", reflect.TypeFor[Set]()); err != nil {
		se := err.(*errSyntax)
		return nil, &FileError{File: name, Problems: []Problem{{Line: lineAt(data, se.off), Msg: "not JSON: " + se.msg}}}
	}
	if _, err := s.dec.Token(); err == nil {
		s.problem(s.start(), "", "more than one JSON value in the file")
	}
	if len(s.probs) == 0 {
		if _, ok := s.pos[""]; ok && !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			s.problem(0, "", "a notice file is a JSON object")
		}
	}
	if len(s.probs) > 0 {
		return nil, &FileError{File: name, Problems: s.probs}
	}
	var set Set
	if err := json.Unmarshal(data, &set); err != nil {
		// The walk above checked every kind; this is a safety net.
		return nil, &FileError{File: name, Problems: []Problem{{Msg: err.Error()}}}
	}
	set.Origin = name
	sum := sha256.Sum256(data)
	set.SHA256 = hex.EncodeToString(sum[:])
	c := checker{s: s}
	c.set(&set)
	if len(s.probs) > 0 {
		return nil, &FileError{File: name, Problems: s.probs}
	}
	return &set, nil
}

// checker checks what the types cannot say: required fields, known
// countries and lists, unique ids, dates in order.
type checker struct{ s *shape }

func (c checker) bad(path, format string, args ...any) {
	at := path
	off, ok := c.s.pos[at]
	for !ok && at != "" {
		// A missing field is reported on the line of the object that lacks it.
		i := strings.LastIndexAny(at, ".[")
		if i < 0 {
			at = ""
		} else {
			at = at[:i]
		}
		off, ok = c.s.pos[at]
	}
	c.s.problem(off, path, format, args...)
}

// Languages are those a notice may be written in: English and the
// languages of the law engine's catalogs.
func Languages() []string { return law.Languages() }

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,63}$`)

func (c checker) set(set *Set) {
	if set.Format != Format {
		c.bad("format", "expected %q, found %q", Format, set.Format)
	}
	if set.Version < 1 {
		c.bad("version", "expected a version number of 1 or more")
	}
	for name, codes := range set.Lists {
		if !idPattern.MatchString(name) {
			c.bad("lists."+name, "a list name is lower-case letters, digits and dashes")
		}
		for i, code := range codes {
			if _, ok := reunite.CountryName(code); !ok {
				c.bad(fmt.Sprintf("lists.%s[%d]", name, i), "%q is not a known country code (ISO 3166-1 alpha-2)", code)
			}
		}
	}
	if len(set.Notices) == 0 {
		c.bad("notices", "expected at least one notice")
	}
	seen := map[string]bool{}
	for i := range set.Notices {
		path := fmt.Sprintf("notices[%d]", i)
		n := &set.Notices[i]
		if seen[n.ID] {
			c.bad(path+".id", "%q is used by an earlier notice", n.ID)
		}
		seen[n.ID] = true
		c.notice(path, n, set)
	}
}

func (c checker) notice(path string, n *Notice, set *Set) {
	if !idPattern.MatchString(n.ID) {
		c.bad(path+".id", "expected an id of lower-case letters, digits and dashes, found %q", n.ID)
	}
	langs := Languages()
	for _, field := range []struct {
		name string
		m    map[string]string
	}{{"title", n.Title}, {"text", n.Text}} {
		if strings.TrimSpace(field.m["en"]) == "" {
			c.bad(path+"."+field.name+".en", "the English %s is required", field.name)
		}
		for lang := range field.m {
			if !slices.Contains(langs, lang) {
				c.bad(path+"."+field.name+"."+lang, "%q is not a language of Reunite (%s)", lang, strings.Join(langs, ", "))
			}
		}
	}
	for i, lang := range n.NeedsReview {
		if !slices.Contains(langs, lang) {
			c.bad(fmt.Sprintf("%s.needs_review[%d]", path, i), "%q is not a language of Reunite", lang)
		}
	}
	if n.Effective.IsZero() {
		c.bad(path+".effective", "the effective date is required")
	}
	if !n.End.IsZero() && n.End.Before(n.Effective) {
		c.bad(path+".end", "the end (%s) is before the effective date (%s)", n.End, n.Effective)
	}
	switch n.Confidence {
	case Confirmed, Reported, Unconfirmed:
	default:
		c.bad(path+".confidence", "expected confirmed, reported or unconfirmed, found %q", n.Confidence)
	}
	if n.Checked.IsZero() && set.Checked.IsZero() {
		c.bad(path+".checked", "no last-checked date (here or for the whole file)")
	}
	switch n.Tie {
	case "", "signature", "sex", "social_media", "rfe":
	default:
		c.bad(path+".tie", "expected signature, sex, social_media or rfe, found %q", n.Tie)
	}
	if len(n.Sources) == 0 {
		c.bad(path+".sources", "a notice needs at least one source")
	}
	for i, src := range n.Sources {
		sp := fmt.Sprintf("%s.sources[%d]", path, i)
		if strings.TrimSpace(src.Title) == "" {
			c.bad(sp+".title", "the title of the instrument is required")
		}
		if strings.TrimSpace(src.Publisher) == "" {
			c.bad(sp+".publisher", "the publisher is required")
		}
		if u, err := url.Parse(src.Link); err != nil || u.Scheme != "https" || u.Host == "" {
			c.bad(sp+".link", "expected an https:// link, found %q", src.Link)
		}
	}
	if len(n.Match) == 0 {
		c.bad(path+".match", "a notice needs at least one match (whom it reaches)")
	}
	for i, m := range n.Match {
		c.match(fmt.Sprintf("%s.match[%d]", path, i), m, set)
	}
}

func (c checker) match(path string, m Match, set *Set) {
	switch m.Scope {
	case PetitionScope:
	case PetitionerScope:
		for name, used := range map[string]bool{
			"relative_nationality": len(m.RelativeNationality) > 0,
			"location":             len(m.Location) > 0,
			"relationship":         len(m.Relationship) > 0,
			"child_kind":           len(m.ChildKind) > 0,
			"stages":               len(m.Stages) > 0,
		} {
			if used {
				c.bad(path+"."+name, "only a petition match can look at this (scope is %q)", m.Scope)
			}
		}
	default:
		c.bad(path+".scope", "expected petition or petitioner, found %q", m.Scope)
	}
	for name, codes := range map[string][]string{
		"nationality":           m.Nationality,
		"principal_nationality": m.PrincipalNationality,
		"relative_nationality":  m.RelativeNationality,
	} {
		for i, code := range codes {
			p := fmt.Sprintf("%s.%s[%d]", path, name, i)
			if list, ok := strings.CutPrefix(code, "list:"); ok {
				if _, ok := set.Lists[list]; !ok {
					c.bad(p, "no country list named %q in this file", list)
				}
			} else if _, ok := reunite.CountryName(code); !ok {
				c.bad(p, "%q is not a known country code (ISO 3166-1 alpha-2) or list:NAME", code)
			}
		}
	}
	for i, st := range m.Stages {
		if !slices.Contains(stages, st) {
			c.bad(fmt.Sprintf("%s.stages[%d]", path, i), "%q is not a stage (before_filing, pending, approved, awaiting_travel)", st)
		}
	}
	if r := m.StatusDate; r != nil && !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		c.bad(path+".status_date.to", "the range ends (%s) before it starts (%s)", r.To, r.From)
	}
}
