package policy

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

func day(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func builtinBook(t testing.TB) *Book {
	t.Helper()
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBook(set)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// family is a principal and one relative, for the table below.
type family struct {
	status       reunite.Status
	statusDate   string
	principalNat string
	asylumFiled  string
	principalSex reunite.Sex
	relNat       string
	relBirth     string
	location     reunite.Location
	relationship reunite.Relationship
	childKind    reunite.ChildKind
	relSex       reunite.Sex
	filingDate   string
}

func (f family) build() *reunite.Family {
	fam := &reunite.Family{Format: reunite.CaseFormat}
	p := &fam.Principal
	p.Status, p.Nationality, p.Sex = f.status, f.principalNat, f.principalSex
	if f.statusDate != "" {
		p.StatusDate = day(f.statusDate)
	}
	if f.asylumFiled != "" {
		p.AsylumFiled = day(f.asylumFiled)
	}
	rel := f.relationship
	if rel == "" {
		rel = reunite.ChildOf
	}
	m := reunite.Member{ID: "rel", Relationship: rel, Nationality: f.relNat, BirthCountry: f.relBirth,
		Location: f.location, Sex: f.relSex}
	if f.childKind != "" {
		m.Child = &reunite.Child{Kind: f.childKind}
	}
	fam.Members = []reunite.Member{m}
	if f.filingDate != "" {
		fam.FilingDate = day(f.filingDate)
	}
	return fam
}

type want struct {
	shown   bool // the notice reaches the relative (or, with petitioner, the principal)
	current bool
}

func TestMatchAroundDates(t *testing.T) {
	book := builtinBook(t)
	asylee := family{status: reunite.Asylee, statusDate: "2023-01-15", relNat: "AF", location: reunite.OutsideUS}
	refugeeAbroad := family{status: reunite.Refugee, statusDate: "2019-05-01", relNat: "CO", location: reunite.OutsideUS}
	nigerian := family{status: reunite.Asylee, statusDate: "2023-01-15", relNat: "NG", location: reunite.OutsideUS}
	window := family{status: reunite.Refugee, statusDate: "2021-01-20", relNat: "CO", location: reunite.InsideUS}
	tests := []struct {
		name       string
		notice     string
		fam        family
		petitioner bool
		asOf       string
		want       want
	}{
		// Proclamation 10949, effective 2025-06-09, no end.
		{"10949 day before", "proclamation-10949-travel-ban", asylee, false, "2025-06-08", want{}},
		{"10949 on the day", "proclamation-10949-travel-ban", asylee, false, "2025-06-09", want{true, true}},
		{"10949 day after", "proclamation-10949-travel-ban", asylee, false, "2025-06-10", want{true, true}},
		{"10949 relative in the US", "proclamation-10949-travel-ban", with(asylee, func(f *family) { f.location = reunite.InsideUS }), false, "2025-07-01", want{}},
		{"10949 Nigerian not listed yet", "proclamation-10949-travel-ban", nigerian, false, "2026-02-01", want{}},
		{"10949 born in Afghanistan, national of Canada", "proclamation-10949-travel-ban", with(asylee, func(f *family) { f.relNat, f.relBirth = "CA", "AF" }), false, "2025-07-01", want{}},
		{"10949 nationality unknown, born in Afghanistan", "proclamation-10949-travel-ban", with(asylee, func(f *family) { f.relNat, f.relBirth = "", "AF" }), false, "2025-07-01", want{true, true}},
		{"10949 location unknown may apply", "proclamation-10949-travel-ban", with(asylee, func(f *family) { f.location = "" }), false, "2025-07-01", want{true, true}},
		// Proclamation 10998, effective 2026-01-01.
		{"10998 day before", "proclamation-10998-travel-ban", nigerian, false, "2025-12-31", want{}},
		{"10998 on the day", "proclamation-10998-travel-ban", nigerian, false, "2026-01-01", want{true, true}},
		{"10998 day after", "proclamation-10998-travel-ban", nigerian, false, "2026-01-02", want{true, true}},
		{"10998 Afghan too", "proclamation-10998-travel-ban", asylee, false, "2026-01-01", want{true, true}},
		{"10998 Colombian not", "proclamation-10998-travel-ban", refugeeAbroad, false, "2026-03-01", want{}},
		// PM-602-0194: effective 2026-01-01, ended 2026-06-18 (about).
		{"0194 on the day", "pm-602-0194-hold", nigerian, false, "2026-01-01", want{true, true}},
		{"0194 day before end", "pm-602-0194-hold", nigerian, false, "2026-06-17", want{true, true}},
		{"0194 on its last day", "pm-602-0194-hold", nigerian, false, "2026-06-18", want{true, true}},
		{"0194 day after end: past", "pm-602-0194-hold", nigerian, false, "2026-06-19", want{true, false}},
		{"0194 principal's nationality", "pm-602-0194-hold", with(refugeeAbroad, func(f *family) { f.principalNat = "SY" }), false, "2026-02-01", want{true, true}},
		{"0194 not a status risk of the principal", "pm-602-0194-hold", with(refugeeAbroad, func(f *family) { f.principalNat = "SY" }), true, "2026-02-01", want{}},
		// PM-602-0192 re-reviews approvals of nationals of the 19 who came since 2021-01-20.
		{"0192 principal granted since 2021-01-20", "pm-602-0192-hold", with(asylee, func(f *family) { f.principalNat = "AF" }), true, "2025-12-02", want{true, true}},
		{"0192 day before", "pm-602-0192-hold", with(asylee, func(f *family) { f.principalNat = "AF" }), true, "2025-12-01", want{}},
		{"0192 principal granted 2021-01-19", "pm-602-0192-hold", with(asylee, func(f *family) { f.principalNat, f.statusDate = "AF", "2021-01-19" }), true, "2025-12-02", want{}},
		{"0192 principal of the 39 only", "pm-602-0192-hold", with(asylee, func(f *family) { f.principalNat = "NG" }), true, "2025-12-02", want{}},
		{"0192 waiting for asylum", "pm-602-0192-hold", family{status: reunite.NoStatus, asylumFiled: "2024-01-01", principalNat: "CO"}, true, "2025-12-02", want{true, true}},
		{"0192 past after its end", "pm-602-0192-hold", with(asylee, func(f *family) { f.principalNat = "AF" }), true, "2026-06-19", want{true, false}},
		{"0194 neither a national", "pm-602-0194-hold", refugeeAbroad, false, "2026-02-01", want{}},
		// EO 14163: refugee principal, relative abroad.
		{"14163 day before", "eo-14163-refugee-follow-to-join", refugeeAbroad, false, "2025-01-26", want{}},
		{"14163 on the day", "eo-14163-refugee-follow-to-join", refugeeAbroad, false, "2025-01-27", want{true, true}},
		{"14163 asylee not", "eo-14163-refugee-follow-to-join", with(refugeeAbroad, func(f *family) { f.status = reunite.Asylee }), false, "2025-03-01", want{}},
		{"14163 former refugee now LPR", "eo-14163-refugee-follow-to-join", with(refugeeAbroad, func(f *family) { f.status = reunite.LPRFormerRefugee }), false, "2025-03-01", want{true, true}},
		{"14163 relative in the US", "eo-14163-refugee-follow-to-join", with(refugeeAbroad, func(f *family) { f.location = reunite.InsideUS }), false, "2025-03-01", want{}},
		// Re-review: refugees admitted 2021-01-20..2025-02-20, petitioner only.
		{"re-review day before effective", "refugee-rereview-2021-2025", window, true, "2025-11-20", want{}},
		{"re-review on the day", "refugee-rereview-2021-2025", window, true, "2025-11-21", want{true, true}},
		{"re-review not on a petition", "refugee-rereview-2021-2025", window, false, "2025-12-01", want{}},
		{"re-review admitted first day", "refugee-rereview-2021-2025", window, true, "2026-01-01", want{true, true}},
		{"re-review admitted day before window", "refugee-rereview-2021-2025", with(window, func(f *family) { f.statusDate = "2021-01-19" }), true, "2026-01-01", want{}},
		{"re-review admitted last day", "refugee-rereview-2021-2025", with(window, func(f *family) { f.statusDate = "2025-02-20" }), true, "2026-01-01", want{true, true}},
		{"re-review admitted day after window", "refugee-rereview-2021-2025", with(window, func(f *family) { f.statusDate = "2025-02-21" }), true, "2026-01-01", want{}},
		{"re-review asylee granted in window", "refugee-rereview-2021-2025", with(window, func(f *family) { f.status = reunite.Asylee }), true, "2026-01-01", want{}},
		// PA-2026-05 reaches filed petitions only.
		{"RFE rule before filing", "pa-2026-05-rfe", refugeeAbroad, false, "2026-09-01", want{}},
		{"RFE rule filing later than the day", "pa-2026-05-rfe", with(refugeeAbroad, func(f *family) { f.filingDate = "2026-09-02" }), false, "2026-09-01", want{}},
		{"RFE rule filed, day before", "pa-2026-05-rfe", with(refugeeAbroad, func(f *family) { f.filingDate = "2026-03-01" }), false, "2026-08-04", want{}},
		{"RFE rule filed, on the day", "pa-2026-05-rfe", with(refugeeAbroad, func(f *family) { f.filingDate = "2026-03-01" }), false, "2026-08-05", want{true, true}},
		// Sex X.
		{"M/F only: relative X", "sex-m-f-only", with(refugeeAbroad, func(f *family) { f.relSex = reunite.SexX }), false, "2025-04-02", want{true, true}},
		{"M/F only: day before", "sex-m-f-only", with(refugeeAbroad, func(f *family) { f.relSex = reunite.SexX }), false, "2025-04-01", want{}},
		{"M/F only: relative F", "sex-m-f-only", with(refugeeAbroad, func(f *family) { f.relSex = reunite.Female }), false, "2025-05-01", want{}},
		{"M/F only: principal X", "sex-m-f-only", with(refugeeAbroad, func(f *family) { f.principalSex = reunite.SexX }), true, "2025-05-01", want{true, true}},
		// PA-2025-11: spouses and stepchildren.
		{"PA-2025-11 spouse", "pa-2025-11-marriage-validity", with(asylee, func(f *family) { f.relationship = reunite.Spouse }), false, "2025-03-03", want{true, true}},
		{"PA-2025-11 stepchild", "pa-2025-11-marriage-validity", with(asylee, func(f *family) { f.childKind = reunite.Stepchild }), false, "2025-03-03", want{true, true}},
		{"PA-2025-11 biological child", "pa-2025-11-marriage-validity", with(asylee, func(f *family) { f.childKind = reunite.Biological }), false, "2025-03-03", want{}},
		// H.R. 1 fees: a principal still waiting for asylum.
		{"fees: asylum pending", "hr1-fees", family{status: reunite.NoStatus, asylumFiled: "2024-01-01"}, true, "2025-07-22", want{true, true}},
		{"fees: day before", "hr1-fees", family{status: reunite.NoStatus, asylumFiled: "2024-01-01"}, true, "2025-07-21", want{}},
		{"fees: asylee", "hr1-fees", asylee, true, "2025-08-01", want{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := book.Match(tc.fam.build(), day(tc.asOf), "en")
			list := r.Petitions["rel"]
			if tc.petitioner {
				list = r.Petitioner
			}
			i := slices.IndexFunc(list, func(s Shown) bool { return s.ID == tc.notice })
			if got := i >= 0; got != tc.want.shown {
				t.Fatalf("shown = %v, want %v (got %v)", got, tc.want.shown, ids(list))
			}
			if i < 0 {
				return
			}
			s := list[i]
			if s.Current != tc.want.current {
				t.Errorf("current = %v, want %v", s.Current, tc.want.current)
			}
			if (s.Ended != nil) == s.Current {
				t.Errorf("ended = %v with current %v", s.Ended, s.Current)
			}
			if len(s.Sources) == 0 || s.Sources[0].Title == "" || s.Confidence == "" {
				t.Errorf("notice without source or confidence: %+v", s)
			}
		})
	}
}

func with(f family, change func(*family)) family {
	change(&f)
	return f
}

func ids(list []Shown) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

// TestMatchNamesUnknownFacts: a notice that only may apply says which
// facts were not recorded.
func TestMatchNamesUnknownFacts(t *testing.T) {
	book := builtinBook(t)
	fam := family{status: reunite.Asylee, relBirth: "AF"}.build()
	r := book.Match(fam, day("2025-07-01"), "en")
	i := slices.IndexFunc(r.Petitions["rel"], func(s Shown) bool { return s.ID == "proclamation-10949-travel-ban" })
	if i < 0 {
		t.Fatalf("not shown: %v", ids(r.Petitions["rel"]))
	}
	got := r.Petitions["rel"][i]
	if !slices.Equal(got.Unknown, []string{"family[0].nationality", "family[0].location"}) {
		t.Errorf("unknown = %v", got.Unknown)
	}
	if !slices.Equal(got.Because, []string{"family[0].birth_country"}) {
		t.Errorf("because = %v", got.Because)
	}
}

// TestMatchLanguage: a notice comes in the language asked for when it has
// one, marked as a draft, and in English otherwise.
func TestMatchLanguage(t *testing.T) {
	book := builtinBook(t)
	fam := family{status: reunite.Asylee, statusDate: "2023-01-15", relNat: "AF", location: reunite.OutsideUS}.build()
	for _, lang := range []string{"en", "fa-AF", "xx"} {
		r := book.Match(fam, day("2025-07-01"), lang)
		s := r.Petitions["rel"][0]
		wantLang := lang
		if lang == "xx" {
			wantLang = "en"
		}
		if s.Lang != wantLang || s.Title == "" || s.Text == "" {
			t.Errorf("%s: lang %q title %q", lang, s.Lang, s.Title)
		}
		if s.Draft != (wantLang != "en") {
			t.Errorf("%s: draft = %v", lang, s.Draft)
		}
	}
}

// TestMatchEmptyFamily: no member, no petition notices; nothing panics on
// a case file that records almost nothing.
func TestMatchEmptyFamily(t *testing.T) {
	book := builtinBook(t)
	r := book.Match(&reunite.Family{Format: reunite.CaseFormat}, day("2026-01-01"), "en")
	if len(r.Petitions) != 0 {
		t.Errorf("petitions: %v", r.Petitions)
	}
}

func BenchmarkMatch(b *testing.B) {
	book := builtinBook(b)
	fam := family{status: reunite.Refugee, statusDate: "2022-03-01", principalNat: "AF", relNat: "AF", location: reunite.OutsideUS}.build()
	for b.Loop() {
		book.Match(fam, day("2026-03-01"), "en")
	}
}

// TestMatchSameAsOneByOne: Match presents every person's notices into one
// array; what each person gets is what trying every notice for every
// person, one list at a time, gives. For every case file of testdata, on
// days either side of the notices' dates, in two languages.
func TestMatchSameAsOneByOne(t *testing.T) {
	book := builtinBook(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	files = append(files, filepath.Join("..", "testdata", "bench", "family-of-six.json"))
	reached := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fam, err := casefile.Decode(data)
		if err != nil {
			continue // the files the engine must refuse
		}
		for _, d := range []string{"2025-01-01", "2025-07-01", "2026-03-01", "2026-12-02"} {
			for _, lang := range []string{"en", "fa-AF"} {
				st := StageOf(fam, day(d))
				got := book.MatchStages(fam, day(d), lang, st)
				want := matchOneByOne(book, fam, day(d), lang, st)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s on %s in %s:\n got %+v\nwant %+v", filepath.Base(name), d, lang, got, want)
				}
				reached += len(got.Petitioner) + len(got.Petitions)
			}
		}
	}
	if reached == 0 {
		t.Fatal("no notice reached any case file: the comparison says nothing")
	}
}

// matchOneByOne is Match written the plain way, for the test above.
func matchOneByOne(b *Book, fam *reunite.Family, d reunite.Date, lang string, st []Stage) Result {
	r := Result{Petitions: map[string][]Shown{}}
	for _, set := range b.sets {
		for i := range set.Notices {
			n := &set.Notices[i]
			shown, current := n.InForce(d)
			if !shown {
				continue
			}
			if why, ok := best(set, n, PetitionerScope, fam, -1, st); ok {
				r.Petitioner = append(r.Petitioner, present(set, n, current, lang, why))
			}
			for j, m := range fam.Members {
				if why, ok := best(set, n, PetitionScope, fam, j, st); ok {
					r.Petitions[m.ID] = append(r.Petitions[m.ID], present(set, n, current, lang, why))
				}
			}
		}
	}
	sortShown(r.Petitioner)
	for _, s := range r.Petitions {
		sortShown(s)
	}
	return r
}

// TestMatchListsApart: the people's lists share one array, yet adding to
// one never writes into another's.
func TestMatchListsApart(t *testing.T) {
	book := builtinBook(t)
	fam := family{status: reunite.Asylee, statusDate: "2023-01-15", relNat: "AF", location: reunite.OutsideUS}.build()
	second := fam.Members[0]
	second.ID = "rel2"
	fam.Members = append(fam.Members, second)
	r := book.Match(fam, day("2025-07-01"), "en")
	if len(r.Petitions["rel"]) == 0 || len(r.Petitions["rel2"]) == 0 {
		t.Fatalf("the two relatives should each be reached: %v", r.Petitions)
	}
	before := slices.Clone(r.Petitions["rel2"])
	_ = append(r.Petitions["rel"], Shown{ID: "added"})
	_ = append(r.Petitioner, Shown{ID: "added"})
	if !reflect.DeepEqual(r.Petitions["rel2"], before) {
		t.Errorf("adding to one relative's list changed the next one's: %v", ids(r.Petitions["rel2"]))
	}
}
