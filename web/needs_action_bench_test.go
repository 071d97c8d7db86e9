package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// needsNames are principals' names for needsOffice: scripts of the
// shipped languages, and characters the page must escape.
var needsNames = [][2]string{
	{"Tesfaye", "Selam"}, {"O'Neil & <Sons>", "Mary \"Mo\""}, {"حداد", "ليلى"}, {"Ахмедов", "Рустам"},
	{"Nguyễn", "Thị+Lan"}, {"Rahimi", "Zahra"}, {"Ḥaddād", "Nūr"}, {"Mensah", "Kofi"},
}

// needsOffice fills east with a busy "needs action" list: 60 families more,
// a task each due within two months, each on its own day so that the
// list's order does not depend on the random ids (some for a relative,
// some done), a petition waiting on an RFE for every fifth (its due date
// only suggested, "check the notice", for every tenth), a caseworker assigned to every other, and a
// relative's risk raised (the page's risk notes).
func needsOffice(t *testing.T, e *env) {
	t.Helper()
	ctx, o := context.Background(), e.east
	today := reunite.DateOf(e.now)
	for i := range 60 {
		n := needsNames[i%len(needsNames)]
		rec, err := e.st.CreateFamily(ctx, o.worker, sampleFamily(n[0], fmt.Sprintf("%s %d", n[1], i)))
		if err != nil {
			t.Fatal(err)
		}
		member := []string{"", "husband", "daughter"}[i%3]
		task, err := e.st.AddTaskFor(ctx, o.worker, store.NewTask{FamilyID: rec.ID, MemberID: member,
			Title: "Call back", Due: today.AddDays(i - 5)})
		if err != nil {
			t.Fatal(err)
		}
		if i%7 == 6 {
			if err := e.st.CompleteTask(ctx, o.worker, task.ID); err != nil {
				t.Fatal(err)
			}
		}
		if i%5 == 0 {
			// Printed due dates before the tasks' days, suggested ones
			// (weekends moved) far before those: no two on one day.
			rfe := tracking.Event{Kind: tracking.RFE, Date: today.AddDays(-40 - i), Due: today.AddDays(-10 - i)}
			if i%10 == 0 {
				rfe = tracking.Event{Kind: tracking.RFE, Date: today.AddDays(-200 - 7*i)}
			}
			recordEvents(t, e, rec.ID,
				tracking.Event{Kind: tracking.Mailed, Date: rfe.Date.AddDays(-40)},
				tracking.Event{Kind: tracking.ReceiptNotice, Date: rfe.Date.AddDays(-30), Receipt: "IOE0912345678"}, rfe)
		}
		if i%2 == 0 {
			if err := e.st.Assign(ctx, o.admin, rec.ID, o.worker.UserID(), o.rep.UserID()); err != nil {
				t.Fatal(err)
			}
		}
		if i == 5 { // the risk's item is due today, as the task of this family
			if _, err := e.st.SetRiskLevel(ctx, o.rep, rec.ID, "husband", risk.High, "detained"); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// BenchmarkNeedsAction asks a caseworker's "needs action" list (a full
// page of 50 items) over HTTP (session, store on SQLite, templates) and
// reports the process's CPU time and the SQL statements per request
// beside ns/op and allocs/op, the static file from the same server being
// measured in the same run as the floor.
//
//	go test ./web -run '^$' -bench NeedsAction -benchmem
func BenchmarkNeedsAction(b *testing.B) {
	t, e := benchOffices(b)
	needsOffice(t, e)
	c := e.browser().login(e.east.logins[store.RoleCaseworker])
	pageBench{b, e, c.c}.run("/due?days=365")
}
