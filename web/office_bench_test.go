package web

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/store"
)

// BenchmarkOfficeView asks, over HTTP as a caseworker, the office view's
// first page and the first page of a search for a surname (a twentieth of
// the office), in an office of 10,000 families (1,000 with -short) on
// SQLite, as the load script's two office phases do, and reports for each
// the process's CPU per request (server, client and the writer of reads:
// steadier than wall time on a shared machine), the statements sent and
// the wall time against the static file's, measured in the same run:
//
//	go test ./web -run '^$' -bench OfficeView -benchtime 100x
func BenchmarkOfficeView(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	_, e := benchOffices(b)
	files := make([]store.ImportFile, 0, 200)
	for i := range n {
		f := sampleFamily(fmt.Sprintf("Surname%c", 'a'+rune(i%20)), fmt.Sprintf("Given%d", i))
		f.Principal.StatusDate = date("2023-01-01").AddDays(i % 1400)
		f.Principal.AsylumFiled = f.Principal.StatusDate.AddDays(-400)
		data, err := casefile.Encode(f)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, store.ImportFile{Name: fmt.Sprintf("f%d.json", i), Data: data})
		if len(files) == cap(files) || i == n-1 {
			for _, r := range e.st.ImportCaseFiles(b.Context(), e.east.admin, files, "") {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
			}
			files = files[:0]
		}
	}
	c := e.browser().login(e.east.logins[store.RoleCaseworker])
	p := pageBench{b, e, c.c}
	search := url.Values{"q": {"Surnamec"}}
	p.do("/families", nil) // warm: verdict counts, templates, the office's keys
	p.do("/families", search)
	before := p.static()
	type tally struct {
		wall, cpu time.Duration
		queries   int64
	}
	var page, found tally
	read := func(t *tally, form url.Values) {
		t0, c0, n0 := time.Now(), cpuTime(), e.st.Statements()
		p.do("/families", form)
		t.wall += time.Since(t0)
		t.cpu += cpuTime() - c0
		t.queries += e.st.Statements() - n0
	}
	for b.Loop() {
		read(&page, nil)
		read(&found, search)
	}
	static := (before + p.static()) / 2
	k := float64(b.N)
	for _, m := range []struct {
		name string
		t    tally
	}{{"page", page}, {"search", found}} {
		b.ReportMetric(float64(m.t.cpu)/float64(time.Millisecond)/k, m.name+"-cpu-ms/op")
		b.ReportMetric(float64(m.t.queries)/k, m.name+"-queries/op")
		b.ReportMetric(float64(m.t.wall)/k/float64(static), m.name+"-x-static")
	}
}
