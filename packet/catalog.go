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
	tag = strings.ToLower(strings.TrimSpace(tag))
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
