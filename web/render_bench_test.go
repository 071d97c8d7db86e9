package web

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// BenchmarkRender executes page templates alone, without HTTP or the
// store: a status page (almost only the layout, which every page pays) and
// a full page of the "needs action" list, for a caseworker in English.
//
//	go test ./web -run '^$' -bench Render -benchmem
func BenchmarkRender(b *testing.B) {
	pages, list, ch := testChrome(b) // list is in the order of i18n.Codes
	bs := base{L: list[slices.Index(i18n.Codes, "en")], Langs: list, SignedIn: true, Role: store.RoleCaseworker, Here: "/due", Title: "trk.needs", chrome: ch}
	needs := needsPage{base: bs, Days: 30, Shown: 50, More: true, Next: "/due?after=2026-04-01.fabc.1&days=30"}
	for i := range 8 {
		needs.Staff = append(needs.Staff, store.StaffMember{ID: fmt.Sprintf("u%016d", i), Name: fmt.Sprintf("Case Worker %d", i)})
	}
	day := reunite.DateOf(testNow)
	for i := range 50 {
		d := day.AddDays(i / 3)
		needs.Items = append(needs.Items, needsRow{Class: "soon", DueISO: d.String(), DueText: bs.L.Date(d), What: "Task with a due date",
			FamilyID: fmt.Sprintf("f%016d", i), Anchor: "/tasks", Label: fmt.Sprintf("Selam %d Tesfaye", i), Caseworker: "Case Worker 1"})
	}
	needs.Rows = needsRowsHTML(needs.Items, needsWords{Overdue: "Overdue", CheckNotice: "Check the notice"})
	for _, c := range []struct {
		name, page string
		data       any
	}{
		{"status", "status", statusPage{base: base{L: bs.L, Langs: list, SignedIn: true, Role: store.RoleCaseworker, Here: "/x", Title: "error.not_found", chrome: ch},
			Status: 404, Message: "error.not_found"}},
		{"needs_action", "needs_action", needs},
	} {
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := pages[c.page].ExecuteTemplate(&buf, "layout.html", c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
