package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/msgfmt"
)

//go:embed catalogs/*.json catalogs/subjects
var catalogFiles embed.FS

// Codes are the languages of the interface, in the order the language
// switcher shows them. Each is the name of a catalog file and of the law
// engine's message catalog for that language.
var Codes = []string{"en", "es", "ar", "fa-AF", "ps", "fr", "sw"}

// Meta describes a catalog.
type Meta struct {
	// Name is the language's name in itself ("العربية"), for the switcher.
	Name string `json:"name"`
	// Dir is "rtl" for languages written right to left, else "ltr".
	Dir string `json:"dir"`
	// NeedsReview lists the keys a native speaker has not checked yet, or
	// "*" for every key.
	NeedsReview []string `json:"needs_review"`
	// Note is for translators.
	Note string `json:"note,omitempty"`
}

type catalogFile struct {
	Meta     Meta              `json:"meta"`
	Messages map[string]string `json:"messages"`
}

// Lang is one language of the interface.
type Lang struct {
	Code string // the catalog's name: "en", "fa-AF"
	Meta
	msgs     map[string]string
	fallback *Lang // English, for a key a catalog lacks (the test forbids it, but a page must not break)

	datesOnce sync.Once
	dates     dateWords // looked up on the first date written (Date)
}

// dateWords are a language's words for writing a date, as T gives them:
// looked up once rather than for every date. A page writes dozens of
// dates, and each looked up its format and its month's name again, with
// the month's key made each time (BenchmarkDate).
type dateWords struct {
	format   string     // format.date
	formatSH string     // format.date_sh; "" when the language writes no solar hijri date
	months   [16]string // month.1 to month.12, by a date's month (0 and 13-15 as T has them: never a date's)
	hmonths  [16]string // hmonth.1 to hmonth.12, for formatSH
	unknown  string     // date.unknown
}

// dateWords returns the language's words for dates, looking them up the
// first time. The catalogs are complete once Load returns.
func (l *Lang) dateWords() *dateWords {
	l.datesOnce.Do(func() {
		w := &l.dates
		w.format, w.unknown = l.T("format.date"), l.T("date.unknown")
		if sh := l.T("format.date_sh"); sh != "" && sh != "format.date_sh" {
			w.formatSH = sh
		}
		for m := range w.months {
			w.months[m] = l.T("month." + strconv.Itoa(m))
			w.hmonths[m] = l.T("hmonth." + strconv.Itoa(m))
		}
	})
	return &l.dates
}

// Load reads every catalog. It fails on a catalog that is missing or that
// is not valid JSON.
func Load() (map[string]*Lang, error) {
	out := map[string]*Lang{}
	for _, code := range Codes {
		data, err := catalogFiles.ReadFile("catalogs/" + code + ".json")
		if err != nil {
			return nil, fmt.Errorf("i18n: no catalog for %s", code)
		}
		var c catalogFile
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, fmt.Errorf("i18n: catalogs/%s.json: %v", code, err)
		}
		if c.Meta.Dir != "rtl" {
			c.Meta.Dir = "ltr"
		}
		out[code] = &Lang{Code: code, Meta: c.Meta, msgs: c.Messages}
	}
	if err := loadSubjects(out); err != nil {
		return nil, err
	}
	for _, l := range out {
		if l.Code != "en" {
			l.fallback = out["en"]
		}
	}
	return out, nil
}

// RTL reports whether the language is written right to left.
func (l *Lang) RTL() bool { return l.Dir == "rtl" }

// Keys returns the catalog's keys, sorted.
func (l *Lang) Keys() []string {
	keys := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Has reports whether the catalog has its own text for key.
func (l *Lang) Has(key string) bool { _, ok := l.msgs[key]; return ok }

// T returns the text of key with its {placeholders} filled from pairs of
// name and value: T("days_left", "n", 12). An unknown key is returned as
// itself, so that a missing text is visible rather than blank. The syntax,
// selects ({sex, select, F {…} other {…}}) and plurals included, is
// internal/msgfmt's; pass "sex" with a person's name wherever it is known.
//
// In a right-to-left language every value is wrapped in a first-strong
// isolate (U+2068 … U+2069), so that a Latin name or a number keeps its
// order inside the sentence: the text may go into an attribute, an SVG
// label or an e-mail, where <bdi> cannot. In a page's own text, H is better.
func (l *Lang) T(key string, pairs ...any) string {
	mode := msgfmt.Plain
	if l.RTL() {
		mode = msgfmt.Isolate
	}
	return l.format(key, mode, pairs)
}

// H is T for a page's HTML: the text escaped and each value in a <bdi>
// element, in every language (a name in another script is isolated in a
// left-to-right page too).
func (l *Lang) H(key string, pairs ...any) template.HTML {
	return template.HTML(l.format(key, msgfmt.HTML, pairs))
}

func (l *Lang) format(key string, mode msgfmt.Mode, pairs []any) string {
	s, ok := l.msgs[key]
	if !ok && l.fallback != nil {
		s, ok = l.fallback.msgs[key]
	}
	if !ok {
		s = key
	}
	if mode != msgfmt.HTML && !strings.Contains(s, "{") {
		return s
	}
	return msgfmt.Format(s, func(name string) (string, bool) {
		for i := 0; i+1 < len(pairs); i += 2 {
			if pairName(pairs[i]) == name {
				return l.value(pairs[i+1]), true
			}
		}
		return "", false
	}, mode)
}

// pairName is the name of a placeholder's pair: a string as it is (every
// caller's), anything else as fmt writes it. fmt made a new string of
// each name for each placeholder of each message.
func pairName(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// value formats a placeholder's value for the language.
func (l *Lang) value(v any) string {
	switch v := v.(type) {
	case int:
		return l.Num(v)
	case reunite.Date:
		return l.Date(v)
	default:
		return fmt.Sprint(v)
	}
}

// Num formats an integer with the language's digit grouping. Digits stay
// Latin in every language: the numbers people copy onto USCIS forms must.
func (l *Lang) Num(n int) string {
	if n > -1000 && n < 1000 {
		return strconv.Itoa(n) // no group to separate: most of the numbers of a page
	}
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := l.T("format.group")
	if sep == "format.group" {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Date formats a calendar date in the language, with the month by name
// ("12 March 2026", "12 مارس 2026"), so that no one confuses day and month.
// A catalog whose format.date_sh is not empty (Dari, Pashto) adds the Solar
// Hijri date of Afghan documents: "21 مارچ 2026 (1 حمل 1405)". The zero
// date is "unknown".
func (l *Lang) Date(d reunite.Date) string {
	w := l.dateWords()
	if d.IsZero() {
		return w.unknown
	}
	var b strings.Builder
	fillDate(&b, w.format, "{d}", strconv.Itoa(d.Day()),
		"{month}", w.months[d.Month()], "{y}", strconv.Itoa(d.Year()))
	if w.formatSH != "" {
		if y, m, day, ok := SolarHijri(d); ok {
			fillDate(&b, w.formatSH, "{hd}", strconv.Itoa(day), "{hmonth}", w.hmonths[m], "{hy}", strconv.Itoa(y))
		}
	}
	return b.String()
}

// fillDate writes format with its three placeholders (name, value pairs)
// replaced, as a strings.Replacer of them would: a page lists dozens of
// dates, and a Replacer built for each cost a sixth of the allocations of
// the "needs action" list.
func fillDate(b *strings.Builder, format string, n1, v1, n2, v2, n3, v3 string) {
	for {
		i := strings.IndexByte(format, '{')
		if i < 0 {
			b.WriteString(format)
			return
		}
		b.WriteString(format[:i])
		format = format[i:]
		switch {
		case strings.HasPrefix(format, n1):
			b.WriteString(v1)
			format = format[len(n1):]
		case strings.HasPrefix(format, n2):
			b.WriteString(v2)
			format = format[len(n2):]
		case strings.HasPrefix(format, n3):
			b.WriteString(v3)
			format = format[len(n3):]
		default:
			b.WriteByte('{')
			format = format[1:]
		}
	}
}

// ReviewAll reports whether every key of the catalog awaits native review.
func (l *Lang) ReviewAll() bool { return slices.Contains(l.NeedsReview, "*") }

// Num0 formats an integer without grouping (years, day numbers).
func (l *Lang) Num0(n int) string { return strconv.Itoa(n) }

// SolarHijri reports whether the language shows Solar Hijri dates (Dari,
// Pashto), and so also accepts them typed.
func (l *Lang) SolarHijri() bool { return l.dateWords().formatSH != "" }
