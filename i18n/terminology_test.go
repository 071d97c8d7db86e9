package i18n

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// terminology is terminology.json: per concept, the English that marks a
// catalog string as being about it, and per language the agreed words and
// the forbidden ones.
type terminology struct {
	Concepts []struct {
		Concept string `json:"concept"`
		EN      string `json:"en"`
		Unless  string `json:"unless"`
		Terms   map[string]struct {
			Use    []string `json:"use"`
			Forbid []string `json:"forbid"`
		} `json:"terms"`
	} `json:"concepts"`
}

func loadTerminology(t *testing.T) terminology {
	t.Helper()
	data, err := os.ReadFile("terminology.json")
	if err != nil {
		t.Fatal(err)
	}
	var tm terminology
	if err := json.Unmarshal(data, &tm); err != nil {
		t.Fatalf("terminology.json: %v", err)
	}
	if len(tm.Concepts) < 9 {
		t.Fatalf("terminology.json has %d concepts, want the glossary's nine", len(tm.Concepts))
	}
	return tm
}

// misused returns, for a translated catalog and its English source, every
// string about a concept that uses a word the table forbids for it in lang.
func (tm terminology) misused(name, lang string, en, tr map[string]string) []string {
	var out []string
	for _, c := range tm.Concepts {
		terms, ok := c.Terms[lang]
		if !ok || len(terms.Forbid) == 0 {
			continue
		}
		about := regexp.MustCompile(c.EN)
		var unless *regexp.Regexp
		if c.Unless != "" {
			unless = regexp.MustCompile(c.Unless)
		}
		for key, src := range en {
			text, ok := tr[key]
			if !ok || !about.MatchString(src) || (unless != nil && unless.MatchString(src)) {
				continue
			}
			for _, bad := range terms.Forbid {
				if strings.Contains(strings.ToLower(text), strings.ToLower(bad)) {
					out = append(out, fmt.Sprintf("%s %q is about %s but says %q", name, key, c.Concept, bad))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// catalogSet is one kind of catalog: its files by language, English included.
type catalogSet struct {
	dir    string
	nested bool // {"messages": {...}} rather than a flat object
}

var catalogSets = []catalogSet{
	{"../law/messages", false},
	{"../report/messages", false},
	{"catalogs", true},
	{"../packet/catalog", true},
}

func readCatalog(t *testing.T, path string, nested bool) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if nested {
		var c struct {
			Messages map[string]string `json:"messages"`
		}
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return c.Messages
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// TestTerminology: no catalog string about a legal concept uses a word the
// table forbids for it (پناهجو where refugee is meant, ماشوم for a child,
// پالل for adopted, an "official" translation for a certified one...).
func TestTerminology(t *testing.T) {
	tm := loadTerminology(t)
	checked := 0
	// The web's subjects (catalogs/subjects/*) are catalogs of their own,
	// each with its English source: the intake's staff questions had
	// ماشوم and پالل in them while only the main catalog was read.
	sets := slices.Clone(catalogSets)
	subjects, _ := filepath.Glob("catalogs/subjects/*/en.json")
	for _, en := range subjects {
		sets = append(sets, catalogSet{filepath.Dir(en), true})
	}
	if len(subjects) == 0 {
		t.Error("no subject catalog found under catalogs/subjects")
	}
	for _, set := range sets {
		en := readCatalog(t, filepath.Join(set.dir, "en.json"), set.nested)
		files, _ := filepath.Glob(filepath.Join(set.dir, "*.json"))
		for _, f := range files {
			lang := strings.TrimSuffix(filepath.Base(f), ".json")
			if lang == "en" {
				continue
			}
			checked++
			for _, p := range tm.misused(f, lang, en, readCatalog(t, f, set.nested)) {
				t.Error(p)
			}
		}
	}
	if checked < 25 {
		t.Errorf("checked %d catalogs; the four kinds hold more", checked)
	}
}

// TestTerminologyCatchesAPlantedTerm: a Dari catalog with the old "refugee"
// option (پناهجو, asylum seeker) and a Pashto one that calls an adopted
// child پالل شوی ماشوم fail the check; the same keys as now written pass.
func TestTerminologyCatchesAPlantedTerm(t *testing.T) {
	tm := loadTerminology(t)
	en := readCatalog(t, "catalogs/en.json", true)
	for _, tc := range []struct {
		file, lang string
		want       []string
	}{
		{"testdata/planted-fa-AF.json", "fa-AF", []string{`"status.refugee" is about refugee (admitted from abroad, INA 207) but says "پناهجو"`}},
		{"testdata/planted-ps.json", "ps", []string{
			`"kind.adopted" is about adopted child (a court decree before 16, two years' custody) but says "پالل"`,
			`"kind.adopted" is about child (son or daughter of any age, a legal relationship) but says "ماشوم"`}},
	} {
		planted := readCatalog(t, tc.file, true)
		got := strings.Join(tm.misused(tc.file, tc.lang, en, planted), "\n")
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the check missed %s; it found:\n%s", tc.file, w, got)
			}
		}
		real := readCatalog(t, "catalogs/"+tc.lang+".json", true)
		fixed := map[string]string{}
		for k := range planted {
			fixed[k] = real[k]
		}
		if p := tm.misused(tc.file, tc.lang, en, fixed); len(p) > 0 {
			t.Errorf("the fixed strings fail: %q", p)
		}
	}
}
