package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Checked is what Check found out about a PDF.
type Checked struct {
	Edition *Edition
	SHA256  string
	// KnownFile is true when the file is byte-identical to an official copy
	// Reunite has seen; false means footer and fields match but the bytes
	// differ (for instance a copy re-saved by a viewer).
	KnownFile bool
	Pages     int
}

var footerRE = regexp.MustCompile(`Form\s+(I-\d+[A-Z]?)\s+Edition\s+(\d\d/\d\d/\d\d)`)

// Check identifies a blank USCIS form: the edition printed in the footer of
// every page must be one Reunite knows, the AcroForm fields must be exactly
// that edition's field map (names and types), and the SHA-256 is compared
// with the official files seen. Any failure names the editions Reunite can
// fill and where to download the current one.
//
// A file found good is remembered by its SHA-256 (checks, below): a server
// or a packet build checks the same blank again and again, and each check
// parsed and validated the whole encrypted form.
func Check(data []byte) (*Checked, error) {
	sum := sha256.Sum256(data)
	checks.Lock()
	known, ok := checks.m[sum]
	checks.Unlock()
	if ok {
		return &known, nil
	}
	c, err := check(data, sum)
	if err != nil {
		return nil, err
	}
	checks.Lock()
	if len(checks.m) >= maxCachedBlanks {
		clear(checks.m) // editions are few: a stream of odd files must not grow it
	}
	checks.m[sum] = *c
	checks.Unlock()
	return c, nil
}

// checks are Check's answers for good files, by SHA-256. Each caller gets
// its own copy of the answer.
var checks = struct {
	sync.Mutex
	m map[[32]byte]Checked
}{m: map[[32]byte]Checked{}}

func check(data []byte, sum [32]byte) (*Checked, error) {
	c := &Checked{SHA256: hex.EncodeToString(sum[:])}
	ctx, e, fields, err := openEdition(data)
	if err != nil {
		return nil, err
	}
	c.Pages = ctx.PageCount
	c.Edition = e
	if err := matchFields(e.Map, fields); err != nil {
		return nil, err
	}
	if n := filledCount(e.Map, fields); n > 0 {
		return nil, fmt.Errorf("%w: %d fields already hold answers; add the blank form as downloaded from %s", ErrNotBlank, n, DownloadURL)
	}
	c.KnownFile = slices.Contains(e.Hashes, c.SHA256)
	return c, nil
}

// openEdition opens a PDF, identifies the edition printed in its footer and
// lists its form fields. A form or edition Reunite cannot fill is refused,
// naming the editions it can fill and where to download the current one.
func openEdition(data []byte) (*model.Context, *Edition, map[string]*pdfField, error) {
	ctx, err := openPDF(data)
	if err != nil {
		return nil, nil, nil, err
	}
	e, fields, err := editionOf(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	return ctx, e, fields, nil
}

// editionOf identifies the edition of a parsed PDF and lists its fields
// (see openEdition).
func editionOf(ctx *model.Context) (*Edition, map[string]*pdfField, error) {
	form, date, err := footerEdition(ctx)
	if err != nil {
		return nil, nil, err
	}
	e := EditionByDate(form, date)
	if e == nil {
		return nil, nil, fmt.Errorf("%w: the file is Form %s edition %s; Reunite can fill %s. Download the current form from %s",
			ErrWrongEdition, form, date, knownEditions(), DownloadURL)
	}
	fields, err := formFields(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return e, fields, nil
}

// footerEdition reads "Form I-730 Edition 01/20/25" from the page contents.
// Every page must carry the same footer: USCIS rejects a form assembled from
// pages of different editions.
func footerEdition(ctx *model.Context) (form, date string, err error) {
	for p := 1; p <= ctx.PageCount; p++ {
		pd, _, _, err := ctx.PageDict(p, false)
		if err != nil {
			return "", "", fmt.Errorf("%w: page %d: %v", ErrCorrupt, p, err)
		}
		content, err := ctx.PageContent(pd, p)
		if err != nil {
			return "", "", fmt.Errorf("%w: page %d: %v", ErrCorrupt, p, err)
		}
		m := footerRE.FindSubmatch(content)
		if m == nil {
			return "", "", fmt.Errorf("%w: page %d carries no \"Form I-730 Edition MM/DD/YY\" footer; Reunite can fill %s. Download the current form from %s",
				ErrWrongEdition, p, knownEditions(), DownloadURL)
		}
		f, d := string(m[1]), string(m[2])
		if p == 1 {
			form, date = f, d
			if EditionByDate(form, date) == nil {
				// Another form or edition: no need to read further, the
				// caller names it in its refusal.
				return form, date, nil
			}
		} else if f != form || d != date {
			return "", "", fmt.Errorf("%w: page 1 is Form %s edition %s but page %d is Form %s edition %s (pages from different editions)",
				ErrWrongEdition, form, date, p, f, d)
		}
	}
	if ctx.PageCount == 0 {
		return "", "", fmt.Errorf("%w: the PDF has no pages", ErrCorrupt)
	}
	return form, date, nil
}

// filledCount counts fillable fields that carry a value (a text or an
// "on" box): a filled copy is not a blank form to build petitions from.
func filledCount(m *FieldMap, fields map[string]*pdfField) int {
	n := 0
	for _, f := range m.Fields {
		pf := fields[f.Name]
		if pf == nil || !f.Fillable() {
			continue
		}
		switch v := pf.dict["V"].(type) {
		case nil:
		case types.Name:
			if v != "Off" && v != "" {
				n++
			}
		default:
			if s := strings.TrimSpace(pdfText(v)); s != "" {
				n++
			}
		}
	}
	return n
}

var pdfTypes = map[string]string{"text": "Tx", "checkbox": "Btn", "combo": "Ch"}

func matchFields(m *FieldMap, fields map[string]*pdfField) error {
	var problems []string
	for _, f := range m.Fields {
		pf, ok := fields[f.Name]
		if !ok {
			problems = append(problems, "missing "+f.Name)
			continue
		}
		if pf.ft != pdfTypes[f.Type] {
			problems = append(problems, fmt.Sprintf("%s is /%s, expected %s", f.Name, pf.ft, f.Type))
		}
	}
	for name := range fields {
		if m.Field(name) == nil {
			problems = append(problems, "unexpected "+name)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	n := len(problems)
	if n > 5 {
		problems = append(problems[:5], fmt.Sprintf("and %d more", n-5))
	}
	return fmt.Errorf("%w (%d differences: %s); Reunite can fill %s. Download the current form from %s",
		ErrFieldMismatch, n, strings.Join(problems, "; "), knownEditions(), DownloadURL)
}
