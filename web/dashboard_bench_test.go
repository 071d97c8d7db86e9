package web

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// dashboardOfSix makes, in east, the benchmark's family of six
// (testdata/bench) with what a busy file has: documents for several
// relatives, notes, tasks, a relative's timeline and a petition mailed. It
// returns the family's id.
func dashboardOfSix(t *testing.T, e *env) string {
	t.Helper()
	ctx, a := context.Background(), e.east.worker
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", "family-of-six.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := casefile.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := e.st.CreateFamily(ctx, a, f)
	if err != nil {
		t.Fatal(err)
	}
	id := rec.ID
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	for _, d := range []store.NewDocument{
		{Name: "status.pdf", Kind: reunite.EvidenceKind("status_proof"), Members: []string{"principal"}},
		{Name: "marriage.pdf", Kind: reunite.EvidenceKind("marriage_certificate"), Members: []string{"wife"}},
		{Name: "son1.pdf", Kind: reunite.EvidenceKind("birth_certificate"), Members: []string{"son1"}},
		{Name: "son2.pdf", Kind: reunite.EvidenceKind("birth_certificate"), Members: []string{"son2"}},
	} {
		d.FamilyID, d.ContentType, d.Content, d.Pages = id, "application/pdf", pdf, 1
		e.now = e.now.Add(time.Second) // listed in the order added, not by their random ids
		if _, err := e.st.AddEvidence(ctx, a, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []string{"", "wife", "son1"} {
		if _, err := e.st.AddNote(ctx, a, id, m, "Called about the documents."); err != nil {
			t.Fatal(err)
		}
	}
	for i, m := range []string{"", "son2"} {
		if _, err := e.st.AddTaskFor(ctx, a, store.NewTask{FamilyID: id, MemberID: m, Title: "Ask for the certificate",
			Due: date("2026-03-20").AddDays(i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, en := range []risk.Entry{
		{Kind: risk.Contact, When: risk.On(date("2026-02-01"))},
		{Kind: risk.Location, When: risk.On(date("2026-01-10")), Country: "KE", Place: "Kakuma", Camp: true},
	} {
		if _, err := e.st.AddTimelineEntry(ctx, a, id, "wife", en); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.st.AddPetitionEvents(ctx, a, []store.NewPetitionEvent{{FamilyID: id, MemberID: "wife",
		Event: tracking.Event{Kind: tracking.Mailed, Date: date("2026-01-05")}}}); err != nil {
		t.Fatal(err)
	}
	return id
}

// BenchmarkDashboard asks a caseworker's dashboard of a family of six over
// HTTP (session, store on SQLite, engine, templates) and reports the SQL
// statements each request sends, beside ns/op and allocs/op. The static
// file from the same server is measured in the same run as the floor.
//
//	go test ./web -run '^$' -bench Dashboard -benchmem
func BenchmarkDashboard(b *testing.B) {
	t, e := benchOffices(b)
	id := dashboardOfSix(t, e)
	c := e.browser().login(e.east.logins[store.RoleCaseworker])
	pageBench{b, e, c.c}.run("/families/" + id)
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
