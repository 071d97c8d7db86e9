package letters

import (
	"bytes"
	"context"
	"embed"
	"html/template"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/risk"
)

//go:embed templates/*.html
var templateFiles embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"approx":  approxText,
	"country": countryText,
	"date":    dateText,
	"inc":     func(i int) int { return i + 1 },
}).ParseFS(templateFiles, "templates/*.html"))

// Printer turns an HTML document into a PDF; forms.Chromium is one.
type Printer interface {
	PrintHTML(ctx context.Context, html string, w, h float64) ([]byte, error)
}

// Print prints a document's HTML on US Letter paper.
func Print(ctx context.Context, p Printer, html string) ([]byte, error) {
	return p.PrintHTML(ctx, html, 8.5, 11)
}

// HTML writes a document as HTML, for a browser to print when no
// Chromium is installed.
func HTML(name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// dateText writes a day the way a US letter does: "January 18, 2026".
func dateText(d reunite.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("January 2, 2006")
}

// approxText writes a day as precisely as it is known, and says so when
// only the month or the year is.
func approxText(a risk.Approx) string {
	switch {
	case a.IsZero():
		return "[date unknown]"
	case !a.Partial():
		return dateText(a.First())
	case a.First().Month() == a.Last().Month():
		return a.First().Time().Format("January 2006") + " (exact day not known)"
	}
	return a.First().Time().Format("2006") + " (exact month not known)"
}

// countryText is the country's English name, or its code when unknown.
func countryText(code string) string {
	if n, ok := reunite.CountryName(code); ok {
		return n
	}
	return code
}
