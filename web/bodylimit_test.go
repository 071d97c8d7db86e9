package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reunite/reunite/web/api"
)

// TestBodySizeLimitEveryRoute posts a body one byte over the limit to
// every route that takes a body, signed in and not, with a length given
// and streamed without one: each answers 413 before a handler reads it.
func TestBodySizeLimitEveryRoute(t *testing.T) {
	e := newEnv(t).withOffices()
	fill := strings.NewReplacer("{token}", "setup-secret", "{id}", e.east.family, "{user}", e.east.worker.UserID(),
		"{step}", "status", "{member}", "husband", "{$}", "")
	anon, staff := e.browser(), e.browser().login(e.east.logins["admin"])
	n := 0
	for _, p := range e.app.patterns {
		method, path, _ := strings.Cut(p, " ")
		if p == "/api/" {
			method, path = "POST", "/api/v1/families"
		}
		if method != "POST" && method != "PUT" {
			continue
		}
		path = fill.Replace(path)
		limit := maxBody
		if strings.HasPrefix(path, "/api/") {
			limit = api.MaxBody
		}
		upload := method == "POST" && isCaseFileUpload(path)
		if upload {
			limit = maxCaseFile + 64<<10 // the page that takes a case file
		}
		// The pages that take documents take multipart only with their
		// larger bound; a plain form has the pages' bound.
		upload = upload || method == "POST" && isDocumentUpload(path)
		body := "a=" + strings.Repeat("x", limit)
		for _, b := range []*browser{anon, staff} {
			for _, streamed := range []bool{false, true} {
				var r io.Reader = strings.NewReader(body)
				if streamed {
					r = io.MultiReader(r) // no length: read until the limit
				}
				req, _ := http.NewRequest(method, e.srv.URL+path, r)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if got := b.do(req).StatusCode; got != http.StatusRequestEntityTooLarge {
					t.Errorf("%s %s with %d bytes (streamed %v): status %d, want 413", method, path, len(body), streamed, got)
				}
				n++
			}
		}
		req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader("--x\r\n"))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		want := http.StatusUnsupportedMediaType
		if upload {
			want = http.StatusBadRequest // multipart taken, this one is malformed
		}
		if got := staff.do(req).StatusCode; got != want {
			t.Errorf("%s %s multipart: status %d, want %d", method, path, got, want)
		}
	}
	if n < 4*15 {
		t.Errorf("only %d posts tried: are the routes registered?", n)
	}
}

// TestBackValueBounded: a long page to return to becomes "/", not a long
// Location header.
func TestBackValueBounded(t *testing.T) {
	e := newEnv(t)
	p := e.browser().post("/lang", url.Values{"lang": {"fr"}, "back": {"/" + strings.Repeat("a", 9000)}})
	if loc := p.Header.Get("Location"); loc != "/" {
		t.Errorf("Location of %d bytes, want /", len(loc))
	}
	p = e.browser().post("/lang", url.Values{"lang": {"fr"}, "back": {"/families"}})
	if loc := p.Header.Get("Location"); loc != "/families" {
		t.Errorf("Location %q, want /families", loc)
	}
}

// TestStaticListsNoDirectory: /static/ serves its files, not a listing.
func TestStaticListsNoDirectory(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	wantStatus(t, b.get("/static/style.css"), http.StatusOK)
	for _, p := range []string{"/static/", "/static/nothing.css"} {
		if got := b.get(p); got.StatusCode != http.StatusNotFound || strings.Contains(got.Body, "style.css") {
			t.Errorf("GET %s: %d %.200s", p, got.StatusCode, got.Body)
		}
	}
}
