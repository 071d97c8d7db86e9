// Package tracking follows one petition (one relative) from the day it is
// prepared to the relative's arrival and, a year later, the green card: the
// states a petition goes through, the dated events that move it, the
// transitions that are allowed, the due dates the events create (response to
// a request for evidence or a notice of intent to deny, the motion window
// after a denial, appointments, the visa's validity, the adjustment window)
// and what is next.
//
// Like the law engine it is pure: every function takes the events and, where
// it matters, the day as parameters; nothing reads the clock or a database.
// History is never edited: a mistake is put right by a new event that
// corrects or retracts an earlier one, and Replay folds the whole history.
//
// The rules that change with the outside world (response times, service
// centers, holidays) are tables with their source and effective date
// (rules.go, receipt.go, days.go). Sources are in ../shared/design/domain:
// process.md sections 3.2, 4.3 to 4.9, and policy-2025-2026.md row 12.
package tracking
