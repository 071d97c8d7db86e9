package browser

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAxeFindsViolations makes sure the accessibility check can fail: a
// page with an unlabelled input and no language must give violations, and
// a clean page none.
func TestAxeFindsViolations(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/bad" {
			w.Write([]byte(`<!doctype html><html><head><title>x</title></head><body><main><input type="text"></main></body></html>`))
			return
		}
		w.Write([]byte(`<!doctype html><html lang="en"><head><title>x</title></head><body><main><h1>Hello</h1>` +
			`<label for="a">Name</label><input id="a" type="text"></main></body></html>`))
	}))
	defer srv.Close()
	ctx := New(t, 360, 640)
	Step(t, ctx, "open bad", chromedp.Navigate(srv.URL+"/bad"))
	vs, err := Violations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, v := range vs {
		ids[v.ID] = true
	}
	if !ids["label"] || !ids["html-has-lang"] {
		t.Errorf("violations on a bad page: %v", vs)
	}
	Step(t, ctx, "open good", chromedp.Navigate(srv.URL+"/good"))
	Axe(t, ctx, "good")
}
