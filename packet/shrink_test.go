package packet

import (
	"bytes"
	"context"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// TestShrunkSeesChromiumFitToPage prints a page that fits and one whose
// table is a little wider than the page (Chromium then shrinks the whole
// print): only the second is found shrunk, so a combined print with such
// a sheet is printed again in parts (printGroup).
func TestShrunkSeesChromiumFitToPage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		width string
		want  bool
	}{
		{"fits", "6in", false},
		{"a pixel too wide", "7.02in", true},
	} {
		html := `<!DOCTYPE html><html><head><style>@page { size: 8.5in 11in; margin: 0.7in 0.75in } body { margin: 0 }</style></head>` +
			`<body><p>Petitioner</p><div style="width: ` + tc.width + `; height: 1in; border: 1px solid #000"></div></body></html>`
		pdf, err := printer(t).PrintHTML(context.Background(), html, 8.5, 11)
		if err != nil {
			t.Fatal(err)
		}
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationRelaxed
		ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
		if err != nil {
			t.Fatal(err)
		}
		got, err := shrunk(ctx)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: shrunk = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFirstScales reads the scalings of a content stream.
func TestFirstScales(t *testing.T) {
	got := firstScales([]byte("q .23999999 0 0 -.23999999 0 792 cm\n3.1249273 0 0 3.1249273 225 209.375 cm BT 1 0 0 1 0 0 cm"), 2)
	if len(got) != 2 || got[0] != .23999999 || got[1] != 3.1249273 {
		t.Fatalf("got %v", got)
	}
	if got := firstScales([]byte("BT /F1 12 Tf ET"), 2); len(got) != 0 {
		t.Fatalf("a stream without cm: got %v", got)
	}
}
