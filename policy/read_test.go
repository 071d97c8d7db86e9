package policy

import (
	"errors"
	"strings"
	"testing"
)

const good = `{
  "format": "reunite.notices/v1",
  "version": 3,
  "checked": "2026-10-01",
  "lists": {"ours": ["KE", "UG"]},
  "notices": [
    {
      "id": "office-kenya-interviews",
      "title": {"en": "Interviews in Nairobi delayed"},
      "text": {"en": "The embassy in Nairobi has delayed follow-to-join interviews."},
      "effective": "2026-09-01",
      "end": "2026-12-31",
      "confidence": "reported",
      "sources": [{"title": "Embassy notice 2026-14", "publisher": "U.S. Embassy Nairobi", "date": "2026-08-30", "link": "https://ke.usembassy.gov/"}],
      "match": [{"scope": "petition", "relative_nationality": ["list:ours"], "location": ["outside_us"]}]
    }
  ]
}`

func TestReadGood(t *testing.T) {
	set, err := Read("office.json", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	n := set.Lookup("office-kenya-interviews")
	if n == nil || n.End.String() != "2026-12-31" || set.Version != 3 || set.Origin != "office.json" {
		t.Fatalf("read %+v", set)
	}
}

// TestReadRefuses: each bad file is refused with the line and the field.
func TestReadRefuses(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           string // a line of the error, "file:LINE: path: ..."
	}{
		{"unknown key", `"confidence": "reported",`, `"confidence": "reported", "confidense": "x",`, `office.json:13: notices[0].confidense: unknown key (did you mean "confidence"?)`},
		{"unknown country", `"relative_nationality": ["list:ours"]`, `"relative_nationality": ["list:ours", "QQ"]`, `office.json:15: notices[0].match[0].relative_nationality[1]: "QQ" is not a known country code`},
		{"unknown country in a list", `["KE", "UG"]`, `["KE", "ZZ"]`, `office.json:5: lists.ours[1]: "ZZ" is not a known country code`},
		{"unknown list", `"list:ours"`, `"list:theirs"`, `office.json:15: notices[0].match[0].relative_nationality[0]: no country list named "theirs"`},
		{"bad date", `"effective": "2026-09-01"`, `"effective": "2026-09-31"`, `office.json:11: notices[0].effective: "2026-09-31" is not a date written YYYY-MM-DD`},
		{"end before effective", `"end": "2026-12-31"`, `"end": "2026-08-31"`, `office.json:12: notices[0].end: the end (2026-08-31) is before the effective date (2026-09-01)`},
		{"bad confidence", `"confidence": "reported"`, `"confidence": "likely"`, `office.json:13: notices[0].confidence: expected confirmed, reported or unconfirmed, found "likely"`},
		{"bad location", `"location": ["outside_us"]`, `"location": ["abroad"]`, `office.json:15: notices[0].match[0].location[0]: "abroad" is not one of inside_us, outside_us`},
		{"bad stage", `"location": ["outside_us"]`, `"stages": ["filed"]`, `office.json:15: notices[0].match[0].stages[0]: "filed" is not a stage`},
		{"petition field on the petitioner", `"scope": "petition"`, `"scope": "petitioner"`, `office.json:15: notices[0].match[0].location: only a petition match can look at this`},
		{"missing English title", `"title": {"en": "Interviews in Nairobi delayed"}`, `"title": {"fr": "Entretiens"}`, `office.json:9: notices[0].title.en: the English title is required`},
		{"unknown language", `"title": {"en": "Interviews in Nairobi delayed"}`, `"title": {"en": "x", "de": "y"}`, `office.json:9: notices[0].title.de: "de" is not a language of Reunite`},
		{"no source", `"sources": [{"title": "Embassy notice 2026-14", "publisher": "U.S. Embassy Nairobi", "date": "2026-08-30", "link": "https://ke.usembassy.gov/"}]`, `"sources": []`, `office.json:14: notices[0].sources: a notice needs at least one source`},
		{"plain http link", `https://ke.usembassy.gov/`, `http://ke.usembassy.gov/`, `office.json:14: notices[0].sources[0].link: expected an https:// link`},
		{"wrong kind", `"version": 3`, `"version": "3"`, `office.json:3: version: expected a whole number, found a string`},
		{"list not a list", `"relative_nationality": ["list:ours"]`, `"relative_nationality": "KE"`, `office.json:15: notices[0].match[0].relative_nationality: expected a list, found a string`},
		{"syntax", `"version": 3,`, `"version": 3,,`, `office.json:3: not JSON:`},
		{"truncated", `"notices": [`, `"notices": [ {"id": "x"`, `office.json:`},
		{"bad id", `"id": "office-kenya-interviews"`, `"id": "Office Kenya"`, `office.json:8: notices[0].id: expected an id of lower-case letters`},
		{"wrong format", `reunite.notices/v1`, `reunite.notices/v9`, `office.json:2: format: expected "reunite.notices/v1"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.from) {
				t.Fatalf("test fixture lacks %q", tc.from)
			}
			data := strings.Replace(good, tc.from, tc.to, 1)
			if tc.name == "truncated" {
				data = data[:strings.Index(data, `"id": "x"`)+9]
			}
			_, err := Read("office.json", []byte(data))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\ndoes not say\n%s", err, tc.want)
			}
		})
	}
}

// TestReadDuplicateIDs: an id used twice in a file, or by the shipped
// notices, is refused.
func TestReadDuplicateIDs(t *testing.T) {
	twice := strings.Replace(good, `"notices": [`, `"notices": [`+noticeJSON("office-kenya-interviews")+`,`, 1)
	if _, err := Read("office.json", []byte(twice)); err == nil || !strings.Contains(err.Error(), "is used by an earlier notice") {
		t.Errorf("err = %v", err)
	}
	builtin, _ := Builtin()
	clash, err := Read("office.json", []byte(strings.Replace(good, "office-kenya-interviews", builtin.Notices[0].ID, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewBook(builtin, clash); err == nil || !strings.Contains(err.Error(), "already defined in policy/notices.json") {
		t.Errorf("err = %v", err)
	}
}

func noticeJSON(id string) string {
	i := strings.Index(good, `    {`)
	j := strings.LastIndex(good, `    }`)
	return strings.Replace(good[i:j+5], "office-kenya-interviews", id, 1)
}

// TestBuiltinComplete: every shipped notice is written in every language
// of the catalogs, marked for review, and cites a numbered instrument.
func TestBuiltinComplete(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range set.Notices {
		for _, lang := range Languages() {
			if n.Title[lang] == "" || n.Text[lang] == "" {
				t.Errorf("%s: no %s wording", n.ID, lang)
			}
		}
		if len(n.NeedsReview) != len(Languages())-1 {
			t.Errorf("%s: needs_review %v", n.ID, n.NeedsReview)
		}
		if n.Mark == "" {
			t.Errorf("%s: the research notes' mark is lost", n.ID)
		}
	}
}

// TestLabelsComplete: every language of the labels has every English key.
func TestLabelsComplete(t *testing.T) {
	for _, lang := range Languages() {
		for key := range labels["en"] {
			if _, ok := labels[lang][key]; !ok {
				t.Errorf("labels.json: %s lacks %q", lang, key)
			}
		}
	}
	if got := Label("fa-AF", "since", "date", "2025-06-09"); got != "از 2025-06-09 نافذ است" {
		t.Errorf("Label = %q", got)
	}
	if got := Label("xx", "confirmed"); got != "confirmed" {
		t.Errorf("unknown language: %q", got)
	}
}
