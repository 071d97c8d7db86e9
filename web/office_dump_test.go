package web

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// TestOfficeDump writes the office view's pages (every filter and order,
// pages past the first and past the end, searches by one word, two words,
// an A-number and a word no one has) for a caseworker and an
// administrator in three languages to $REUNITE_OFFICE_DUMP, ids made
// stable: run it before and after a change to the office view and compare
// the folders byte for byte. No two families share a deadline or a last
// change, so the order does not depend on the random ids.
func TestOfficeDump(t *testing.T) {
	dir := os.Getenv("REUNITE_OFFICE_DUMP")
	if dir == "" {
		t.Skip("REUNITE_OFFICE_DUMP names the folder to write to")
	}
	e := newEnv(t).withOffices()
	ctx := t.Context()
	// The office's second family shares the first's dates and last
	// change: moved a day and changed a minute later.
	e.now = e.now.Add(time.Minute)
	other := sampleFamily("Okonkwo", "Ada")
	other.Principal.StatusDate = date("2025-06-11")
	if _, err := e.st.UpdateFamily(ctx, e.east.admin, e.east.other, 1, other); err != nil {
		t.Fatal(err)
	}
	surnames := []string{"Rahimi", "Mensah", "Nguyen", "Diallo", "Ortiz", "Karimi"}
	for i := range 120 {
		e.now = e.now.Add(time.Minute)
		f := sampleFamily(surnames[i%len(surnames)], fmt.Sprintf("Given%03d", i))
		// Grants spread over three years, one every nine days: deadlines
		// passed, near and far, none shared.
		f.Principal.StatusDate = date("2023-01-03").AddDays(9 * i)
		f.Principal.AsylumFiled = f.Principal.StatusDate.AddDays(-400)
		f.Principal.ANumber = fmt.Sprintf("A%09d", 200000000+i)
		if i%7 == 0 {
			f.Members[0].Persecutor = reunite.Bool(true)
		}
		if i%5 == 0 {
			f.Members[1].BirthDate = reunite.BornOn(date("1990-05-05"))
		}
		if i%3 == 0 {
			f.Members[1].Child.BornInWedlock = nil
			f.SetUnknownAnswer(reunite.FactRef{Member: "daughter", Fact: "child.born_in_wedlock"}, true)
		}
		if _, err := e.st.CreateFamily(ctx, e.east.admin, f); err != nil {
			t.Fatal(err)
		}
	}
	gets := []string{"", "?page=2", "?page=3", "?page=9", "?filter=review", "?filter=soon", "?filter=late",
		"?sort=deadline", "?sort=deadline&page=2", "?sort=updated", "?sort=updated&page=3", "?sort=name", "?sort=name&page=2",
		"?filter=late&sort=deadline", "?filter=review&sort=updated&page=2", "?sort=urgent&filter=soon"}
	posts := []url.Values{
		{"q": {"Haile"}}, {"q": {"Haile"}, "page": {"2"}}, {"q": {"Haile"}, "page": {"3"}}, {"q": {"haile dawit"}},
		{"q": {"Rahimi"}}, {"q": {"Rahimi"}, "filter": {"review"}, "sort": {"updated"}}, {"q": {"Nguyen"}, "sort": {"deadline"}},
		{"q": {"Mensah"}, "sort": {"name"}}, {"q": {"A-200-000-007"}}, {"q": {"Nobody"}}, {"q": {"Haile Given011"}, "filter": {"late"}},
	}
	for _, who := range []store.Role{store.RoleCaseworker, store.RoleAdmin} {
		b := e.browser().login(e.east.logins[who])
		for _, lang := range []string{"en", "fa-AF", "es"} {
			b.lang = lang
			write := func(name string, p page) {
				path := filepath.Join(dir, fmt.Sprintf("%s.%s.%s.html", who, lang, url.PathEscape(name)))
				if err := os.WriteFile(path, fmt.Appendf(nil, "%d\n%s", p.StatusCode, stableIDs(p.Body)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, q := range gets {
				write("get"+q, b.get("/families"+q))
			}
			for i, form := range posts {
				write(fmt.Sprintf("post%02d", i), b.post("/families", form))
			}
		}
	}
}
