package letters

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/internal/pdftest"
	"github.com/reunite/reunite/risk"
)

var chromium = pdftest.NewShared("chromium", forms.NewChromium)

func TestMain(m *testing.M) { pdftest.Main(m, chromium) }

func approx(s string) risk.Approx {
	a, err := risk.ParseApprox(s)
	if err != nil {
		panic(err)
	}
	return a
}

// space folds the line breaks and runs of spaces pdftotext writes, so a
// sentence can be looked for whole.
func space(s string) string { return strings.Join(strings.Fields(s), " ") }

func sampleExpedite() Expedite {
	return Expedite{
		Today: reunite.NewDate(2026, 3, 2), Petitioner: "Selam Tesfaye", ANumber: "A201234567",
		Beneficiary: "Dawit Haile", Relationship: "spouse", Level: risk.High,
		Timeline: []risk.Entry{
			{Kind: risk.Location, When: approx("2025-11"), Country: "SD", Place: "Shagarab camp", Camp: true},
			{Kind: risk.Location, When: approx("2026-02-03"), Country: "SD", Place: "Kassala"},
			{Kind: risk.Status, When: approx("2025-11-20"), Country: "SD", Status: risk.RefugeeRegistration, Expires: reunite.NewDate(2026, 4, 30)},
			{Kind: risk.Medical, When: approx("2026-01"), Note: "needs insulin every day"},
			{Kind: risk.Contact, When: approx("2026-02-20")},
		},
		Incidents: []risk.Incident{
			{When: approx("2026-02-01"), Kind: risk.Displacement, Description: "the camp was shelled and he fled to Kassala", Severity: risk.Severe,
				Sources: []risk.Source{{DocumentID: "d-clinic"}, {Title: "Sudan: eastern camps update", Publisher: "UNHCR", Date: reunite.NewDate(2026, 2, 5), Link: "https://example.org/sudan"}}},
			{When: approx("2026-01"), Kind: risk.Threat, Description: "men asked for him by name at the camp gate", Severity: risk.Serious},
		},
		Documents: map[string]string{"d-clinic": "Kassala clinic letter.pdf"},
	}
}

func TestExpeditePDFCitesTheLog(t *testing.T) {
	c := chromium.Get(t)
	pdf, err := ExpeditePDF(context.Background(), c, sampleExpedite())
	if err != nil {
		t.Fatal(err)
	}
	text := space(pdftest.Text(t, pdf))
	for _, want := range []string{
		"Re: Request to expedite Form I-730",
		"Petitioner: Selam Tesfaye, A-Number A201234567",
		"Beneficiary: Dawit Haile (spouse of the petitioner)",
		"emergencies and urgent humanitarian reasons",
		"USCIS Policy Manual, Volume 1, Part A, Chapter 5",
		"Kassala, Sudan, since February 3, 2026",
		"registration as a refugee in Sudan, which expires on April 30, 2026",
		"needs insulin every day",
		"Last contact with the team: February 20, 2026",
		"February 1, 2026: displacement",
		"the camp was shelled and he fled to Kassala",
		"Exhibit 1, Kassala clinic letter.pdf",
		"“Sudan: eastern camps update”, UNHCR, February 5, 2026, https://example.org/sudan",
		"January 2026 (exact day not known): threat",
		"Evidence: none recorded yet",
		"Exhibit 1: Kassala clinic letter.pdf",
		"Draft for review",
		"The receipt number is not recorded yet",
		"Signature",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	// Incidents in time order: the approximate January before February 1.
	if i, j := strings.Index(text, "threat"), strings.Index(text, "displacement"); i < 0 || j < 0 || i > j {
		t.Errorf("incidents out of order:\n%s", text)
	}
	// Nothing invented: no day appears that the log does not hold.
	days := regexp.MustCompile(`(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}`)
	allowed := map[string]bool{"March 2, 2026": true, "February 3, 2026": true, "April 30, 2026": true, "February 20, 2026": true,
		"February 1, 2026": true, "February 5, 2026": true, "March 21, 2024": true, "December 2, 2026": true}
	for _, d := range days.FindAllString(text, -1) {
		if !allowed[d] {
			t.Errorf("the letter names %s, which is in no record", d)
		}
	}
}

func TestExpediteNeedsAnIncident(t *testing.T) {
	x := sampleExpedite()
	x.Incidents = nil
	if _, err := ExpediteHTML(x); err != ErrNoIncident {
		t.Errorf("no incident: %v", err)
	}
}

func TestDeclarationPDF(t *testing.T) {
	c := chromium.Get(t)
	d := Declaration{
		Today: reunite.NewDate(2026, 3, 2), Declarant: "Farid Ahmadi", Relationship: "neighbour", About: "Dawit Haile",
		Petitioner: "Selam Tesfaye", ANumber: "A201234567", Language: "Dari", LangCode: "fa-AF", Translator: "Maryam Karimi",
		Facts: []Fact{{When: approx("2026-01-18"), Place: "Herat", English: "I saw two armed men take him from his shop.",
			Original: "من دیدم که دو مرد مسلح او را از دکانش بردند."}},
	}
	pdf, err := DeclarationPDF(context.Background(), c, d)
	if err != nil {
		t.Fatal(err)
	}
	text := space(pdftest.Text(t, pdf))
	for _, want := range []string{
		"Declaration of Farid Ahmadi",
		"am the neighbour of Dawit Haile",
		"January 18, 2026",
		"I saw two armed men take him from his shop.",
		"مسلح", // the original words, beside the English
		"under penalty of perjury",
		"Signature of Farid Ahmadi",
		"Certification of translation",
		"I, Maryam Karimi, certify that I am competent to translate from Dari into English",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the declaration lacks %q:\n%s", want, text)
		}
	}

	// In English only: no translation column, no certification.
	d.Language, d.LangCode, d.Translator, d.Facts[0].Original = "", "", "", ""
	pdf, err = DeclarationPDF(context.Background(), c, d)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Text(t, pdf); strings.Contains(text, "Certification of translation") || !strings.Contains(text, "armed men") {
		t.Errorf("English declaration:\n%s", text)
	}
}

func TestDeclarationValidate(t *testing.T) {
	d := Declaration{Declarant: "A", Relationship: "brother", About: "B",
		Facts: []Fact{{When: approx("2026"), English: "x", Original: "y"}}}
	errs := d.Validate()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "language:") {
		t.Errorf("original words without a language: %v", errs)
	}
	if errs := (Declaration{}).Validate(); len(errs) != 4 {
		t.Errorf("empty declaration: %v", errs)
	}
	if _, err := DeclarationHTML(Declaration{}); err == nil || !strings.Contains(err.Error(), "declarant: needed") {
		t.Errorf("DeclarationHTML of nothing: %v", err)
	}
}

// BenchmarkExpeditePDF: one draft letter of a relative with a year of log
// (40 timeline entries, 12 incidents), printed by Chromium.
func BenchmarkExpeditePDF(b *testing.B) {
	c := chromium.Get(b)
	x := sampleExpedite()
	for i := range 40 {
		x.Timeline = append(x.Timeline, risk.Entry{Kind: risk.Contact, When: risk.On(reunite.NewDate(2025, 3, 1).AddDays(i * 9))})
	}
	for i := range 10 {
		in := x.Incidents[0]
		in.When = risk.On(reunite.NewDate(2025, 4, 1).AddDays(i * 30))
		x.Incidents = append(x.Incidents, in)
	}
	ctx := context.Background()
	var size int
	for b.Loop() {
		pdf, err := ExpeditePDF(ctx, c, x)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}
