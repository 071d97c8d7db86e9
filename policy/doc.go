// Package policy carries the changes of policy that reach I-730 families
// (travel bans, holds on USCIS decisions, re-reviews, new filing rules) as
// dated, sourced notices, and matches them to a case file on a given day.
//
// Notices are data, never code: a versioned file shipped with Reunite
// (notices.json, embedded) plus an office's own additions. Each notice says
// when it took effect (and when it ended, if it did), how sure we are of
// it (confirmed, reported, unconfirmed), which instruments it rests on, and
// which families it reaches. Matching is a pure function of the case file,
// the petition stage and a day: it never reads the clock, and it never
// changes a verdict of the law engine.
package policy
