package packet

import (
	"bytes"
	"context"
	"embed"
	"github.com/reunite/reunite/forms"
	"html/template"
)

//go:embed templates/*.html
var templateFiles embed.FS

var templates = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// Printer turns an HTML document into a PDF; forms.Chromium is one.
type Printer interface {
	PrintHTML(ctx context.Context, html string, w, h float64) ([]byte, error)
}

// Renderer prints documents and draws the form's native-script text.
type Renderer interface {
	Printer
	forms.NativeRenderer
}

// page is what every template receives besides its own data.
type page struct {
	Lang, Dir, Title string
	Petitioner       string
	ANumber          string
	Beneficiary      string
	Sequence         string
}

// render executes one named template and prints it on Letter paper.
func render(ctx context.Context, p Printer, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, err
	}
	return p.PrintHTML(ctx, buf.String(), 8.5, 11)
}
