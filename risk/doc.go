// Package risk keeps, as plain values, what a legal team knows about each
// relative who stayed behind: a timeline of where they are and what changed
// (location, status in that country and its expiry, custody, medical needs,
// contact), a log of incidents with the sources that corroborate them, and a
// risk level with its history. Its rules are pure functions of those values
// and a day: the "last heard from" warning, a status about to expire, and
// the next steps a raised risk proposes (an expedite request to USCIS, with
// the criteria USCIS publishes, kept as data with their source and date in
// expedite.go).
//
// Nothing here reads the clock or a database; the store seals and keeps the
// values, the web application shows them.
package risk
