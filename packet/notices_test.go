package packet

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/policy"
)

// TestPolicyNoticesInPacket: the checklist carries the relative's notices
// with their sources and how sure they are, the signature rule (every box
// by hand, never typed or drawn) and, for a person recorded as X, a line
// to decide with a lawyer; the family summary lists every notice.
func TestPolicyNoticesInPacket(t *testing.T) {
	f, _ := load(t, "testdata/family-of-six.json")
	f.Member("daughter").Sex = reunite.SexX
	f.Member("daughter").SocialMedia = []reunite.SocialMediaAccount{{Platform: "Instagram", Handle: "@ruth.h"}}
	a := law.Assess(f, asOf)
	set, err := policy.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	book, err := policy.NewBook(set)
	if err != nil {
		t.Fatal(err)
	}
	notices := book.Match(f, asOf, "en")
	out := filepath.Join(t.TempDir(), "packet")
	m, err := Build(context.Background(), f, a, out, Options{Blank: blank(t), Printer: printer(t), Now: fixedNow, Notices: &notices})
	if err != nil {
		t.Fatal(err)
	}
	folder := map[string]string{}
	for _, r := range m.Relatives {
		folder[r.Member] = r.Folder
	}
	text := func(rel string) string {
		return strings.Join(strings.Fields(pdfText(t, mustRead(t, filepath.Join(out, rel)))), " ")
	}
	daughter := text(folder["daughter"] + "/checklist.pdf")
	for _, want := range []string{
		"Never type a signature, stamp it or draw it on a screen",
		"FR Doc. 2026-09289",
		"is recorded as X",
		"USCIS forms carry only M or F",
		"Policy notices for this relative",
		"[reported; in force since 2026-07-10]",
		"Social-media identifiers",
		"Instagram @ruth.h",
		"none recorded, ask",
		"FR Doc. 2025-17816",
	} {
		if !strings.Contains(daughter, want) {
			t.Errorf("the daughter's checklist lacks %q:\n%s", want, daughter)
		}
	}
	// The wife, an Eritrean abroad, is reached by the travel ban; the
	// daughter, in the United States, is not.
	wife := text(folder["wife"] + "/checklist.pdf")
	if !strings.Contains(wife, "Proclamation 10949") || !strings.Contains(wife, "[confirmed; in force since 2025-06-09]") {
		t.Errorf("the wife's checklist lacks the travel ban:\n%s", wife)
	}
	if strings.Contains(wife, "is recorded as X") {
		t.Error("the wife's checklist has the X line of her sister-in-law")
	}
	if strings.Contains(daughter, "Proclamation 10949") {
		t.Error("the travel ban reaches the daughter in the United States")
	}
	summary := text("family-summary.pdf")
	for _, want := range []string{"Policy notices", "Proclamation 10998", "PM-602-0192 (2025-12-02)"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the family summary lacks %q:\n%s", want, summary)
		}
	}
}
