package packet

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/reunite/reunite/internal/msgfmt"
)

//go:embed catalog/*.json
var catalogFiles embed.FS

// Catalog is the wording of the family's instruction sheet in one
// language. Messages use {placeholders}; translators edit the JSON files
// only.
type Catalog struct {
	Lang     string            `json:"lang"`
	Dir      string            `json:"dir"` // ltr or rtl
	Name     string            `json:"name"`
	Messages map[string]string `json:"messages"`
}

// T returns message key with its placeholders filled from name, value
// pairs (internal/msgfmt: {sex, select, F {…} M {…} other {…}} included).
// In a right-to-left catalog each value is in a first-strong isolate.
func (c *Catalog) T(key string, args ...string) string {
	mode := msgfmt.Plain
	if c.Dir == "rtl" {
		mode = msgfmt.Isolate
	}
	return c.format(key, mode, args)
}

// H is T for the printed HTML: the text escaped, each value in <bdi>.
func (c *Catalog) H(key string, args ...string) template.HTML {
	return template.HTML(c.format(key, msgfmt.HTML, args))
}

func (c *Catalog) format(key string, mode msgfmt.Mode, args []string) string {
	s, ok := c.Messages[key]
	if !ok {
		s = "[" + key + "]"
	}
	return msgfmt.Format(s, func(name string) (string, bool) {
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == name {
				return args[i+1], true
			}
		}
		return "", false
	}, mode)
}

// List joins names with the catalog's separator ("، " in Arabic), each
// name in its own first-strong isolate, so that in a right-to-left
// sentence the first name is read first and a Latin name keeps its order.
func (c *Catalog) List(names []string) string {
	sep := c.Messages["list.sep"]
	if sep == "" {
		sep = ", "
	}
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(msgfmt.FSI + n + msgfmt.PDI)
	}
	return b.String()
}

// LoadCatalog returns the catalog for a BCP 47 tag: the exact tag, then its
// language alone ("fa-AF" then "fa"). ok is false when there is none.
func LoadCatalog(tag string) (*Catalog, bool, error) {
	tag = canonicalTag(tag)
	for _, t := range []string{tag, strings.SplitN(tag, "-", 2)[0]} {
		if t == "" {
			continue
		}
		data, err := catalogFiles.ReadFile("catalog/" + t + ".json")
		if err != nil {
			continue
		}
		c := &Catalog{}
		if err := json.Unmarshal(data, c); err != nil {
			return nil, false, fmt.Errorf("catalog %s: %w", t, err)
		}
		return c, true, nil
	}
	return nil, false, nil
}

// canonicalTag writes a tag as the catalogs are named: the language in
// lower case, a region in upper case ("FA-af" is "fa-AF"), and the ISO
// 639-3 code of Dari, which browsers and intake forms also use, as fa-AF.
func canonicalTag(tag string) string {
	lang, region, _ := strings.Cut(strings.TrimSpace(tag), "-")
	lang = strings.ToLower(lang)
	if lang == "prs" {
		return "fa-AF"
	}
	if region == "" {
		return lang
	}
	return lang + "-" + strings.ToUpper(region)
}

// Languages lists the catalogs built in.
func Languages() []string {
	entries, _ := catalogFiles.ReadDir("catalog")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(out)
	return out
}
