package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
)

// A subject that grows its own pages (tracking after filing, ...) keeps its
// messages in catalogs/subjects/SUBJECT/CODE.json, so that its keys do not
// crowd the main catalogs and translators can take one subject at a time.
// A subject's keys must not repeat a key of the main catalog.
//
// A language with no file for a subject yet shows the subject's English
// text: the keys are copied from English and listed in the language's
// needs_review, so the gap is visible to translators (and the completeness
// test), and a page never shows a bare key.

func loadSubjects(langs map[string]*Lang) error {
	dirs, err := fs.ReadDir(catalogFiles, "catalogs/subjects")
	if err != nil {
		return nil // no subjects
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		subject := d.Name()
		files := map[string]catalogFile{}
		for _, code := range Codes {
			name := path.Join("catalogs/subjects", subject, code+".json")
			data, err := catalogFiles.ReadFile(name)
			if err != nil {
				continue
			}
			var c catalogFile
			if err := json.Unmarshal(data, &c); err != nil {
				return fmt.Errorf("i18n: %s: %v", name, err)
			}
			files[code] = c
		}
		en, ok := files["en"]
		if !ok {
			return fmt.Errorf("i18n: subject %s has no English catalog", subject)
		}
		for _, code := range Codes {
			l := langs[code]
			c, ok := files[code]
			review := c.Meta.NeedsReview
			if !ok {
				c.Messages, review = en.Messages, []string{"*"}
			}
			if slices.Contains(review, "*") && code != "en" {
				review = slices.Sorted(maps.Keys(c.Messages))
			}
			for k, v := range c.Messages {
				if _, dup := l.msgs[k]; dup {
					return fmt.Errorf("i18n: subject %s, %s: key %q is also in the main catalog", subject, code, k)
				}
				l.msgs[k] = v
			}
			if !l.ReviewAll() {
				l.NeedsReview = append(l.NeedsReview, review...)
			}
		}
	}
	return nil
}
