package web

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

// TestPagesDump writes the pages every role reaches (the "needs action"
// list of a busy office, its next page and filters, the layout of the
// other pages, signed in or not, error pages) in four languages to
// $REUNITE_PAGES_DUMP, ids made stable: run it before and after a change
// to the layout or the rendering and compare the folders byte for byte.
func TestPagesDump(t *testing.T) {
	dir := os.Getenv("REUNITE_PAGES_DUMP")
	if dir == "" {
		t.Skip("REUNITE_PAGES_DUMP names the folder to write to")
	}
	e := newEnv(t).withOffices()
	needsOffice(t, e)
	o := e.east
	fam := o.family
	staff := []string{"/due", "/due?days=30", "/due?days=365", "/due?days=7&assignee=" + o.worker.UserID(),
		"/due?days=365&assignee=" + o.rep.UserID(), "/due?days=90&assignee=nobody", "/due?days=0",
		"/families?sort=name", "/families/new", "/families/" + fam, "/families/" + fam + "/review",
		"/families/" + fam + "/documents", "/families/" + fam + "/notes", "/families/" + fam + "/tasks",
		"/families/" + fam + "/versions", "/families/" + fam + "/shares", "/families/" + fam + "/status",
		"/families/" + fam + "/reminders", "/shared", "/mentions", "/tokens", "/reminders", "/account",
		"/overview", "/users", "/families/%3Cx%3E&+'\"", "/nowhere"}
	client := []string{"/families/" + fam, "/families/" + fam + "/status", "/families/" + fam + "/documents",
		"/account", "/due", "/families/" + o.other}
	anonymous := []string{"/", "/login", "/families", "/nowhere/%3Cb%3E"}
	who := map[string]*browser{
		"worker": e.browser().login(o.logins[store.RoleCaseworker]),
		"admin":  e.browser().login(o.logins[store.RoleAdmin]),
		"client": e.browser().login(o.logins[store.RoleClient]),
		"anon":   e.browser(),
	}
	for _, lang := range []string{"en", "ar", "fa-AF", "es"} {
		paths := map[string][]string{"worker": staff, "admin": staff, "client": client, "anon": anonymous}
		for _, name := range []string{"worker", "admin", "client", "anon"} {
			b := who[name]
			b.lang = lang
			for i, path := range paths[name] {
				p := b.get(path)
				write(t, dir, fmt.Sprintf("%s.%s.%02d", name, lang, i), p)
				// Follow the list's next links, three pages at most.
				for n := 0; n < 3 && strings.HasPrefix(path, "/due"); n++ {
					m := needsNextRE.FindStringSubmatch(p.Body)
					if m == nil {
						break
					}
					p = b.get(html.UnescapeString(m[1]))
					write(t, dir, fmt.Sprintf("%s.%s.%02d.next%d", name, lang, i, n+1), p)
				}
			}
		}
	}
}

func write(t *testing.T, dir, name string, p page) {
	t.Helper()
	body := fmt.Sprintf("%s %s\n%d\n%s", p.Request.Method, stableIDs(p.Request.URL.RequestURI()), p.StatusCode, stableIDs(p.Body))
	if err := os.WriteFile(filepath.Join(dir, name+".html"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
