package i18n

import (
	"golang.org/x/text/language"
)

var (
	supported = func() []language.Tag {
		tags := make([]language.Tag, len(Codes))
		for i, c := range Codes {
			tags[i] = language.MustParse(c)
		}
		return tags
	}()
	matcher = language.NewMatcher(supported)
	dari    = language.MustParseBase("prs")
	fa      = language.MustParseBase("fa")
	faAF    = language.MustParse("fa-AF")
)

// maxAcceptLanguage bounds the header that is parsed: browsers send a few
// dozen bytes, and the parser's work grows with the input.
const maxAcceptLanguage = 512

// Match returns the code of the interface language that best fits an
// Accept-Language header, or "en". Dari is written "prs" by some systems
// and "fa-AF" by others; both choose Dari, and plain Persian ("fa") does
// too, as it is the same written language and closer than English.
func Match(acceptLanguage string) string {
	if len(acceptLanguage) > maxAcceptLanguage {
		acceptLanguage = acceptLanguage[:maxAcceptLanguage]
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return "en"
	}
	for i, t := range tags {
		if b, _ := t.Base(); b == dari || b == fa {
			tags[i] = faAF
		}
	}
	// The index, not the returned tag: the tag carries -u-rg- extensions.
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Codes[idx]
}

// Valid reports whether code names an interface language.
func Valid(code string) bool {
	for _, c := range Codes {
		if c == code {
			return true
		}
	}
	return false
}
