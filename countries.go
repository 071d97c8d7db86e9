package reunite

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// The country list is data (countries.tsv), so a new code or a corrected
// name needs no change of code.
//
//go:embed countries.tsv
var countriesTSV string

var countryNames = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(countriesTSV, "\n") {
		code, name, ok := strings.Cut(line, "\t")
		if ok && !strings.HasPrefix(code, "#") {
			m[code] = name
		}
	}
	return m
}()

// CountryName returns the English name of an ISO 3166-1 alpha-2 code, and
// whether the code is known.
func CountryName(code string) (string, bool) {
	n, ok := countryNames[code]
	return n, ok
}

// Country is a code and its English name, for lists people choose from.
type Country struct{ Code, Name string }

// Countries returns every known country, sorted by English name. The
// list is sorted once (pages list it on every request); each caller gets
// its own copy.
func Countries() []Country { return slices.Clone(sortedCountries()) }

var sortedCountries = sync.OnceValue(func() []Country {
	out := make([]Country, 0, len(countryNames))
	for c, n := range countryNames {
		out = append(out, Country{c, n})
	}
	slices.SortFunc(out, func(a, b Country) int { return strings.Compare(a.Name, b.Name) })
	return out
})
