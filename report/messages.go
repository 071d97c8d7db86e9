package report

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// The report's own words are data, one JSON catalog per language, like the
// law engine's messages (law/messages).
//
//go:embed messages/*.json
var messageFiles embed.FS

// Languages lists the languages the report can be written in.
func Languages() []string {
	entries, _ := messageFiles.ReadDir("messages")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	return out
}

// loadCatalog reads the catalog of lang.
func loadCatalog(lang string) (map[string]string, error) {
	data, err := messageFiles.ReadFile("messages/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("report: no catalog for %q", lang)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("report: messages/%s.json: %v", lang, err)
	}
	return m, nil
}

var english = func() map[string]string {
	m, err := loadCatalog("en")
	if err != nil {
		panic(err)
	}
	return m
}()

// catalog returns lang's words with English under them, so that a word a
// translation still lacks shows in English rather than as its key.
func catalog(lang string) map[string]string {
	if lang == "" || lang == "en" {
		return english
	}
	m, err := loadCatalog(lang)
	if err != nil {
		return english
	}
	out := make(map[string]string, len(english))
	for k, v := range english {
		out[k] = v
	}
	for k, v := range m {
		out[k] = v
	}
	return out
}
