package letters

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/risk"
)

// Declaration is a witness's structured statement: who they are, how they
// know the relative, and what they saw and when, each fact in English and,
// when the witness spoke another language, in their own words beside it.
type Declaration struct {
	Today        reunite.Date
	Declarant    string // the witness's full name
	Relationship string // how the witness knows the relative ("neighbour", "brother-in-law")
	About        string // the relative the statement is about
	Petitioner   string
	ANumber      string
	Address      string // where the witness lives, as they gave it
	Language     string // the language of the original words, in English ("Dari"); "" or "English" when none
	LangCode     string // its BCP 47 code ("fa-AF"), for the original text's direction and font
	Facts        []Fact
	Translator   string // who translated, "" to leave a blank line
}

// Fact is one thing the witness saw.
type Fact struct {
	When     risk.Approx
	Place    string
	English  string
	Original string // the witness's words; "" when they wrote in English
}

// Translated reports whether the statement needs a translator's
// certification (8 CFR 103.2(b)(3)).
func (d Declaration) Translated() bool {
	if d.Language != "" && !strings.EqualFold(d.Language, "English") {
		return true
	}
	for _, f := range d.Facts {
		if strings.TrimSpace(f.Original) != "" {
			return true
		}
	}
	return false
}

// RTL reports whether the original language is written right to left.
func (d Declaration) RTL() bool {
	for _, p := range []string{"ar", "fa", "prs", "ps", "ur", "he", "ckb"} {
		if d.LangCode == p || strings.HasPrefix(d.LangCode, p+"-") {
			return true
		}
	}
	return false
}

// Validate returns every problem of the declaration, each naming its field.
func (d Declaration) Validate() []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{field}, args...)...))
	}
	for f, v := range map[string]string{"declarant": d.Declarant, "relationship": d.Relationship, "about": d.About} {
		if strings.TrimSpace(v) == "" {
			bad(f, "needed")
		}
	}
	if len(d.Facts) == 0 {
		bad("facts", "a declaration says at least one thing the witness saw")
	}
	for i, f := range d.Facts {
		p := fmt.Sprintf("facts[%d]", i)
		if f.When.IsZero() {
			bad(p+".when", "when it happened is needed (YYYY-MM-DD, or YYYY-MM or YYYY)")
		}
		if strings.TrimSpace(f.English) == "" {
			bad(p+".english", "what the witness saw, in English")
		}
		for n, s := range map[string]string{"english": f.English, "original": f.Original, "place": f.Place} {
			if utf8.RuneCountInString(s) > risk.MaxText {
				bad(p+"."+n, "longer than %d characters", risk.MaxText)
			}
		}
		if strings.TrimSpace(f.Original) != "" && (d.Language == "" || strings.EqualFold(d.Language, "English")) {
			bad("language", "name the language of the original words of facts[%d]", i)
		}
	}
	return errs
}

// DeclarationHTML writes the declaration as HTML.
func DeclarationHTML(d Declaration) (string, error) {
	if errs := d.Validate(); errs != nil {
		return "", fmt.Errorf("declaration: %w", errors.Join(errs...))
	}
	return HTML("declaration", d)
}

// DeclarationPDF prints the declaration.
func DeclarationPDF(ctx context.Context, p Printer, d Declaration) ([]byte, error) {
	html, err := DeclarationHTML(d)
	if err != nil {
		return nil, err
	}
	return Print(ctx, p, html)
}
