package packet

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
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

// T returns message key with its placeholders filled.
func (c *Catalog) T(key string, args ...string) string {
	s, ok := c.Messages[key]
	if !ok {
		return "[" + key + "]"
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
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
