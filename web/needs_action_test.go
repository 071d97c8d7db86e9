package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

var (
	needsRowRE  = regexp.MustCompile(`<time datetime="([0-9-]+)">[^\n]*\n[^\n]*\n\s*<th scope="row"><a href="/families/([^/#"]+)`)
	needsNextRE = regexp.MustCompile(`<a href="(/due\?[^"]+)" rel="next">`)
)

// TestNeedsActionPages lists more items than a page holds and follows the
// "next" links: the pages together are the store's whole list in its
// order, nothing twice, nothing left out, and each page's link is a key of
// stored data (a day, a family, a count), never a member id.
func TestNeedsActionPages(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := context.Background()
	o := e.east
	today := reunite.DateOf(e.now)
	// 250 tasks over 40 days, several per family and day, so that page
	// boundaries fall inside a family's day.
	for i := range 250 {
		fam := []string{o.family, o.other}[i%2]
		if _, err := e.st.AddTask(ctx, o.worker, fam, fmt.Sprintf("call back %d", i), today.AddDays(i%40)); err != nil {
			t.Fatal(err)
		}
	}
	whole, err := e.st.NeedsAction(ctx, o.worker, today.AddDays(365), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) <= needsLimit {
		t.Fatalf("%d items: fewer than two pages", len(whole))
	}
	var want []string
	for _, it := range whole {
		want = append(want, it.Due.String()+" "+it.FamilyID)
	}
	b := e.browser().login(o.logins[store.RoleCaseworker])
	var got []string
	path, pages := "/due?days=365", 0
	for path != "" {
		p := b.get(path)
		wantStatus(t, p, http.StatusOK)
		pages++
		rows := needsRowRE.FindAllStringSubmatch(p.Body, -1)
		if len(rows) == 0 || len(rows) > needsLimit {
			t.Fatalf("page %d shows %d items", pages, len(rows))
		}
		for _, m := range rows {
			got = append(got, m[1]+" "+m[2])
		}
		path = ""
		if m := needsNextRE.FindStringSubmatch(p.Body); m != nil {
			path = html.UnescapeString(m[1])
			if strings.Contains(path, "husband") || !strings.Contains(path, "after=") {
				t.Errorf("next link %q", path)
			}
		}
	}
	if wantPages := (len(whole) + needsLimit - 1) / needsLimit; pages != wantPages || !slices.Equal(got, want) {
		t.Errorf("%d pages, items:\n%v\nwant:\n%v", pages, got, want)
	}
	for _, bad := range []string{"x", "2026-13-01.f1.1", "2026-01-01..1", "2026-01-01.f1.0", "2026-01-01.f1.99999"} {
		wantStatus(t, b.get("/due?days=365&after="+bad), http.StatusBadRequest)
	}
}

// FuzzParseDueKey: a key either is refused or writes back to itself.
func FuzzParseDueKey(f *testing.F) {
	f.Add("2026-05-01.fabc.2")
	f.Add("")
	f.Add("2026-05-01.f.a.b.1")
	f.Fuzz(func(t *testing.T, s string) {
		k, ok := parseDueKey(s)
		if !ok || s == "" {
			return
		}
		if k.Seen < 1 || k.FamilyID == "" || k.Due.IsZero() {
			t.Fatalf("%q accepted as %+v", s, k)
		}
		if back, ok := parseDueKey(formatDueKey(k)); !ok || back != k {
			t.Fatalf("%q -> %+v -> %q -> %+v", s, k, formatDueKey(k), back)
		}
	})
}
