package policy

import (
	_ "embed"
	"encoding/json"
	"strings"
)

// The words around a notice (its confidence, "in force since") in each
// language, so that every place that shows a notice says it alike.
//
//go:embed labels.json
var labelsJSON []byte

var labels = func() map[string]map[string]string {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(labelsJSON, &raw); err != nil {
		panic("policy/labels.json: " + err.Error())
	}
	out := map[string]map[string]string{}
	for lang, v := range raw {
		if strings.HasPrefix(lang, "_") {
			continue
		}
		m := map[string]string{}
		if err := json.Unmarshal(v, &m); err != nil {
			panic("policy/labels.json: " + lang + ": " + err.Error())
		}
		out[lang] = m
	}
	return out
}()

// Label returns the word for key in lang (English when the language or
// the key is missing), with {name} placeholders filled from kv pairs.
func Label(lang, key string, kv ...string) string {
	s, ok := labels[lang][key]
	if !ok {
		s = labels["en"][key]
	}
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// When says when a shown notice took effect and, once past, when it
// ended, in lang.
func (s Shown) When(lang string) string {
	key := "since"
	if s.Approximate {
		key = "since.about"
	}
	w := Label(lang, key, "date", s.Effective.String())
	if s.Ended != nil {
		key = "ended"
		if s.ApproximateEnd {
			key = "ended.about"
		}
		w += "; " + Label(lang, key, "date", s.Ended.String())
	}
	return w
}
