package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// storeIDs are the store's random ids (a kind letter and 16 base32
// characters), replaced by their order of appearance so that two runs'
// pages compare.
var storeIDs = regexp.MustCompile(`\b[a-z][a-z2-7]{16}\b`)

func stableIDs(page string) string {
	seen := map[string]string{}
	return storeIDs.ReplaceAllStringFunc(page, func(id string) string {
		if _, ok := seen[id]; !ok {
			seen[id] = fmt.Sprintf("ID%d", len(seen)+1)
		}
		return seen[id]
	})
}

// TestDashboardDump writes the dashboards of every case file of
// testdata/cases and of the busy family of six, for staff in three
// languages, to $REUNITE_DASH_DUMP (ids made stable): run it before and
// after a change to the dashboard and compare the folders byte for byte.
func TestDashboardDump(t *testing.T) {
	dir := os.Getenv("REUNITE_DASH_DUMP")
	if dir == "" {
		t.Skip("REUNITE_DASH_DUMP names the folder to write to")
	}
	e := newEnv(t).withOffices()
	ids := map[string]string{"six": dashboardOfSix(t, e), "sample": e.east.family}
	for name, f := range caseFamilies(t) {
		rec, err := e.st.CreateFamily(context.Background(), e.east.worker, f)
		if err != nil {
			continue
		}
		ids[name] = rec.ID
	}
	staff := e.browser().login(e.east.logins[store.RoleCaseworker])
	client := e.browser().login(e.east.logins[store.RoleClient])
	for _, lang := range []string{"en", "fa-AF", "es"} {
		staff.lang, client.lang = lang, lang
		for name, id := range ids {
			write := func(who string, p page) {
				os.WriteFile(filepath.Join(dir, name+"."+who+"."+lang+".html"), []byte(fmt.Sprintf("%d\n%s", p.StatusCode, stableIDs(p.Body))), 0o644)
			}
			write("staff", staff.get("/families/"+id))
			if id == e.east.family {
				write("client", client.get("/families/"+id))
			}
		}
	}
}

// caseFamilies reads the families of testdata/cases (the contract's
// examples, without their expected outcome), by file name.
func caseFamilies(t *testing.T) map[string]*reunite.Family {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	out := map[string]*reunite.Family{}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		delete(doc, "expect") // the contract examples' expected outcome
		delete(doc, "why")
		data, _ = json.Marshal(doc)
		f, err := casefile.Decode(data)
		if err != nil {
			continue // files that test the reader's refusals
		}
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = f
	}
	return out
}

// TestAnswerStateAsBefore checks that the dashboard's one reading of the
// answers (answerState) gives what the two it replaced gave: the page to
// resume with (the first with a required question unanswered, as the
// principal reads the questions) and the review's missing and unknown
// rows, for every case file, staff or not, in English and Dari (every
// language for two families).
func TestAnswerStateAsBefore(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	fams := caseFamilies(t)
	fams["sample"] = sampleFamily("Tesfaye", "Selam")
	// Answers "I don't know", which no case file has: the principal's
	// asylum application, the marriage's form, the daughter's birth in
	// wedlock.
	unk := sampleFamily("Okonkwo", "Ada")
	unk.Principal.AsylumFiled, unk.Members[0].Marriage.Form, unk.Members[1].Child.BornInWedlock = reunite.Date{}, "", nil
	for _, r := range []reunite.FactRef{{Member: "principal", Fact: "asylum_filed"},
		{Member: "husband", Fact: "marriage.form"}, {Member: "daughter", Fact: "child.born_in_wedlock"}} {
		unk.SetUnknownAnswer(r, true)
	}
	fams["unknowns"] = unk
	resumed, withUnknowns := 0, 0
	for name, f := range fams {
		before, err := casefile.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		// The old way: the questions built a first time to find the page
		// to resume with...
		var wantResume string
		probe := cloneFamily(f)
	steps:
		for _, st := range steps(probe) {
			for _, q := range questions(langs["en"], probe, st) {
				q.load(probe)
				if q.Required && !q.answered() {
					wantResume = st.Path("fam")
					break steps
				}
			}
		}
		for code, l := range langs {
			if code != "en" && code != "fa-AF" && name != "sample" && name != "unknowns" {
				continue // the questions do not change with the language: the words are checked on two families
			}
			for _, staff := range []bool{false, true} {
				// ... and a second time for the review's rows.
				wantMissing, wantUnknowns := 0, []unknownAnswer(nil)
				for _, sec := range collectAnswers(l, f, staff, "fam") {
					for _, row := range sec.Rows {
						if row.Missing {
							wantMissing++
						} else if row.Unknown {
							wantUnknowns = append(wantUnknowns, unknownAnswer{sec.Heading, row.Label, row.Change})
						}
					}
				}
				resume, missing, unknowns := answerState(l, f, staff, "fam")
				if resume != wantResume || missing != wantMissing || !reflect.DeepEqual(unknowns, wantUnknowns) {
					t.Errorf("%s, %s, staff %v: answerState = %q, %d, %v; want %q, %d, %v",
						name, code, staff, resume, missing, unknowns, wantResume, wantMissing, wantUnknowns)
				}
				// The dashboard's way: on the family as the store opens
				// it (decoded from its case file), without a copy.
				resume, missing, unknowns = answerStateIn(l, cloneFamily(f), staff, "fam")
				if resume != wantResume || missing != wantMissing || !reflect.DeepEqual(unknowns, wantUnknowns) {
					t.Errorf("%s, %s, staff %v: answerStateIn = %q, %d, %v; want %q, %d, %v",
						name, code, staff, resume, missing, unknowns, wantResume, wantMissing, wantUnknowns)
				}
			}
		}
		if wantResume != "" {
			resumed++
		}
		if _, _, u := answerState(langs["en"], f, true, "fam"); len(u) > 0 {
			withUnknowns++
		}
		if after, _ := casefile.Encode(f); string(after) != string(before) {
			t.Errorf("%s: answerState changed the family", name)
		}
	}
	// The comparison means something only if the files exercise both.
	if resumed == 0 || withUnknowns == 0 {
		t.Errorf("%d families to resume and %d with unknown answers: the case files no longer exercise both", resumed, withUnknowns)
	}
	t.Logf("%d families: %d to resume, %d with unknown answers", len(fams), resumed, withUnknowns)
}
