package law

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

// The law engine's messages are data: one JSON catalog per language in
// messages/, keyed by message key, with {placeholders} filled from a
// finding's Vars. English is the source; a translator edits a copy.
//
//go:embed messages/*.json
var messageFiles embed.FS

var messagesEN = mustCatalog("en")

// Catalog returns the message catalog of a language (its file name in
// messages/, such as "ar"), for rendering findings in that language.
func Catalog(lang string) (map[string]string, error) {
	data, err := messageFiles.ReadFile("messages/" + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("law: no message catalog for %q", lang)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("law: messages/%s.json: %v", lang, err)
	}
	return m, nil
}

// Languages lists the languages the engine's messages are written in.
func Languages() []string {
	entries, _ := messageFiles.ReadDir("messages")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	return out
}

func mustCatalog(lang string) map[string]string {
	m, err := Catalog(lang)
	if err != nil {
		panic(err)
	}
	return m
}
