package policy

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/reunite/reunite"
)

// Shown is a notice as it reaches one petition or the petitioner on a day,
// in one language: an addition to the assessment (docs/assessment.md).
type Shown struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	// Lang is the language of Title and Text; Draft marks wording that a
	// native speaker has not yet reviewed.
	Lang        string        `json:"lang"`
	Draft       bool          `json:"needs_review,omitzero"`
	Effective   reunite.Date  `json:"effective"`
	Approximate bool          `json:"approximate,omitzero"`
	End         *reunite.Date `json:"end,omitzero"`
	// ApproximateEnd marks an end known only roughly.
	ApproximateEnd bool `json:"approximate_end,omitzero"`
	// Current is false once the end has passed; Ended then repeats the
	// end, so that a reader can tell a past notice at a glance.
	Current    bool          `json:"current"`
	Ended      *reunite.Date `json:"ended,omitzero"`
	Confidence Confidence    `json:"confidence"`
	Mark       string        `json:"mark,omitzero"`
	Checked    reunite.Date  `json:"checked"`
	Sources    []ShownSource `json:"sources"`
	// Because names the case-file facts that made the notice match;
	// Unknown names facts that were not recorded, so that it only may
	// apply (a person must check them).
	Because []string `json:"because"`
	Unknown []string `json:"unknown,omitzero"`
	Tie     string   `json:"tie,omitzero"`
}

// ShownSource is a source with its date null when not recorded.
type ShownSource struct {
	Title     string        `json:"title"`
	Publisher string        `json:"publisher"`
	Date      *reunite.Date `json:"date"`
	Link      string        `json:"link"`
}

// Result is every notice that reaches a family on a day.
type Result struct {
	Petitioner []Shown
	// Petitions holds each member's notices, by member id.
	Petitions map[string][]Shown
}

// Match finds the notices of book that reach fam on day, written in lang,
// using the stages the case file allows (StageOf). It is a pure function:
// the same file, notices and day always give the same result.
func (b *Book) Match(fam *reunite.Family, day reunite.Date, lang string) Result {
	return b.MatchStages(fam, day, lang, StageOf(fam, day))
}

// MatchStages is Match with the petition stages given (by tracking).
func (b *Book) MatchStages(fam *reunite.Family, day reunite.Date, lang string, st []Stage) Result {
	// The hits are found first and presented into one array, each person's
	// a part of it: a Shown is large, and growing a list of them per
	// relative, one notice at a time, was most of a dashboard's garbage.
	type hit struct {
		j       int // the relative; -1 for the petitioner
		set     *Set
		n       *Notice
		current bool
		why     reason
	}
	var kept [64]hit // on the stack: enough for most families
	hits := kept[:0]
	per := make([]int, len(fam.Members)+1) // hits per person, the petitioner first
	for _, set := range b.sets {
		for i := range set.Notices {
			n := &set.Notices[i]
			shown, current := n.InForce(day)
			if !shown {
				continue
			}
			for j := -1; j < len(fam.Members); j++ {
				scope := PetitionScope
				if j < 0 {
					scope = PetitionerScope
				}
				if why, ok := best(set, n, scope, fam, j, st); ok {
					hits = append(hits, hit{j, set, n, current, why})
					per[j+1]++
				}
			}
		}
	}
	all := make([]Shown, len(hits))
	start := make([]int, len(per)) // where each person's part begins
	for k := 1; k < len(per); k++ {
		start[k] = start[k-1] + per[k-1]
	}
	next := slices.Clone(start)
	for _, h := range hits {
		all[next[h.j+1]] = present(h.set, h.n, h.current, lang, h.why)
		next[h.j+1]++
	}
	part := func(k int) []Shown {
		if per[k] == 0 {
			return nil
		}
		s := all[start[k] : start[k]+per[k] : start[k]+per[k]] // an append never reaches the next part
		sortShown(s)
		return s
	}
	r := Result{Petitioner: part(0), Petitions: make(map[string][]Shown, len(fam.Members))}
	for j, m := range fam.Members {
		s := part(j + 1)
		if s == nil {
			continue
		}
		if had := r.Petitions[m.ID]; had != nil { // two relatives of one id: never in a valid file
			s = append(had, s...)
			sortShown(s)
		}
		r.Petitions[m.ID] = s
	}
	return r
}

// sortShown puts current notices first, the newest first, so that what
// matters now leads.
func sortShown(s []Shown) {
	slices.SortStableFunc(s, func(a, b Shown) int {
		if a.Current != b.Current {
			if a.Current {
				return -1
			}
			return 1
		}
		if c := b.Effective.Compare(a.Effective); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// Describe is a notice as shown on a day in lang, without a family: for
// lists of notices.
func Describe(set *Set, n *Notice, current bool, lang string) Shown {
	return present(set, n, current, lang, reason{})
}

func present(set *Set, n *Notice, current bool, lang string, why reason) Shown {
	title, text, draft := n.Words(lang)
	l := lang
	if _, ok := n.Title[lang]; !ok {
		l = "en"
	}
	s := Shown{ID: n.ID, Title: title, Text: text, Lang: l, Draft: draft,
		Effective: n.Effective, Approximate: n.Approximate, ApproximateEnd: n.ApproximateEnd, Current: current,
		Confidence: n.Confidence, Mark: n.Mark, Checked: n.LastChecked(set),
		Because: why.because, Unknown: why.unknown, Tie: n.Tie}
	if s.Because == nil {
		s.Because = []string{}
	}
	if !n.End.IsZero() {
		end := n.End
		s.End = &end
		if !current {
			s.Ended = &end
		}
	}
	if len(n.Sources) > 0 { // none stays nil, as the JSON has always had it
		s.Sources = make([]ShownSource, 0, len(n.Sources))
	}
	for _, src := range n.Sources {
		out := ShownSource{Title: src.Title, Publisher: src.Publisher, Link: src.Link}
		if !src.Date.IsZero() {
			d := src.Date
			out.Date = &d
		}
		s.Sources = append(s.Sources, out)
	}
	return s
}

// reason is why a match holds: the facts it used, and the facts it would
// have needed but were unknown.
type reason struct {
	because, unknown []string
}

// best returns the match of n in scope that holds for member j (-1: the
// principal) with the fewest unknown facts.
func best(set *Set, n *Notice, scope Scope, fam *reunite.Family, j int, st []Stage) (reason, bool) {
	var found reason
	ok := false
	for _, m := range n.Match {
		if m.Scope != scope {
			continue
		}
		if why, hit := matches(set, m, fam, j, st); hit && (!ok || len(why.unknown) < len(found.unknown)) {
			found, ok = why, true
		}
	}
	return found, ok
}

// matches evaluates every condition of m. A condition on a fact the case
// file leaves unknown holds as "may apply" for the principal's status and
// status date and the relative's location (the notice is shown with the
// fact named as unknown), and fails for the others. A nationality that is
// not recorded is taken from the birth country, named as unknown.
func matches(set *Set, m Match, fam *reunite.Family, j int, st []Stage) (reason, bool) {
	var why reason
	p := &fam.Principal
	var mem *reunite.Member
	mp := ""
	if j >= 0 {
		mem = &fam.Members[j]
		mp = memberPath(j)
	}
	if len(m.PrincipalStatus) > 0 {
		switch {
		case p.Status == "":
			why.unknown = append(why.unknown, "principal.status")
		case slices.Contains(m.PrincipalStatus, p.Status):
			why.because = append(why.because, "principal.status")
		default:
			return why, false
		}
	}
	if m.StatusDate != nil {
		switch {
		case p.StatusDate.IsZero():
			why.unknown = append(why.unknown, "principal.status_date")
		case m.StatusDate.Contains(p.StatusDate):
			why.because = append(why.because, "principal.status_date")
		default:
			return why, false
		}
	}
	if m.AsylumPending {
		if p.AsylumFiled.IsZero() || (p.Status != "" && p.Status != reunite.NoStatus) {
			return why, false
		}
		if p.Status == "" {
			why.unknown = append(why.unknown, "principal.status")
		} else {
			why.because = append(why.because, "principal.status")
		}
		why.because = append(why.because, "principal.asylum_filed")
	}
	if len(m.PrincipalNationality) > 0 && !nationalOf(set, m.PrincipalNationality, p.Nationality, p.BirthCountry, "principal", &why) {
		return why, false
	}
	if len(m.Nationality) > 0 {
		hit := nationalOf(set, m.Nationality, p.Nationality, p.BirthCountry, "principal", &why)
		if mem != nil && nationalOf(set, m.Nationality, mem.Nationality, mem.BirthCountry, mp, &why) {
			hit = true
		}
		if !hit {
			return why, false
		}
	}
	if mem == nil {
		if len(m.Sex) > 0 {
			if p.Sex == "" || !slices.Contains(m.Sex, p.Sex) {
				return why, false
			}
			why.because = append(why.because, "principal.sex")
		}
		return why, true
	}
	if len(m.RelativeNationality) > 0 && !nationalOf(set, m.RelativeNationality, mem.Nationality, mem.BirthCountry, mp, &why) {
		return why, false
	}
	if len(m.Location) > 0 {
		switch {
		case mem.Location == "":
			why.unknown = append(why.unknown, mp+".location")
		case slices.Contains(m.Location, mem.Location):
			why.because = append(why.because, mp+".location")
		default:
			return why, false
		}
	}
	if len(m.Relationship) > 0 {
		if mem.Relationship == "" || !slices.Contains(m.Relationship, mem.Relationship) {
			return why, false
		}
		why.because = append(why.because, mp+".relationship")
	}
	if len(m.ChildKind) > 0 {
		if mem.Child == nil || mem.Child.Kind == "" || !slices.Contains(m.ChildKind, mem.Child.Kind) {
			return why, false
		}
		why.because = append(why.because, mp+".child.kind")
	}
	if len(m.Sex) > 0 {
		if mem.Sex == "" || !slices.Contains(m.Sex, mem.Sex) {
			return why, false
		}
		why.because = append(why.because, mp+".sex")
	}
	if len(m.Stages) > 0 {
		if !slices.ContainsFunc(st, func(s Stage) bool { return slices.Contains(m.Stages, s) }) {
			return why, false
		}
		why.because = append(why.because, "filing_date")
	}
	return why, true
}

// nationalOf reports whether a person (path: "principal", "family[2]") is
// a national of a country in codes. Without a recorded nationality the
// birth country stands in, and the nationality is named as unknown; with
// neither, the person matches no country list.
func nationalOf(set *Set, codes []string, nationality, birthCountry, path string, why *reason) bool {
	code := nationality
	if code == "" {
		code = birthCountry
	}
	if code == "" || !inList(set, codes, code) {
		return false
	}
	if nationality != "" {
		why.because = append(why.because, path+".nationality")
	} else {
		why.because = append(why.because, path+".birth_country")
		why.unknown = append(why.unknown, path+".nationality")
	}
	return true
}

// memberPaths are the paths of the first relatives of a case file, made
// once: a notice's conditions are tried for every relative on every
// dashboard, and most fail before a path is written out.
var memberPaths = func() (p [16]string) {
	for j := range p {
		p[j] = fmt.Sprintf("family[%d]", j)
	}
	return p
}()

// memberPath is the case-file path of relative j ("family[2]").
func memberPath(j int) string {
	if j < len(memberPaths) {
		return memberPaths[j]
	}
	return fmt.Sprintf("family[%d]", j)
}

// inList reports whether code is among codes, where "list:NAME" stands
// for the set's named list.
func inList(set *Set, codes []string, code string) bool {
	for _, c := range codes {
		if name, ok := strings.CutPrefix(c, "list:"); ok {
			if slices.Contains(set.Lists[name], code) {
				return true
			}
		} else if c == code {
			return true
		}
	}
	return false
}
