// Package store keeps Reunite's data: organizations and their users,
// families (every version of the case file), assessments, documents, events,
// tasks and a hash-chained audit log. One set of queries serves both engines:
// an embedded SQLite database (the default, one file in the data directory)
// and PostgreSQL for offices that share a server.
//
// Three promises hold for every method:
//
//   - Access is scoped here, not by callers. Every method takes the acting
//     user (an Actor, which only the store can make) and reads or writes
//     only what that user may see; another organization's rows answer
//     ErrNotFound, whatever the caller asks.
//   - Sensitive data is sealed before it reaches the database: names, dates,
//     numbers, addresses, narratives and files are encrypted with the
//     organization's data key, which is itself wrapped by a master key that
//     lives outside the database (envelope encryption, crypt.go).
//   - Every read of a family file and every change is appended to the audit
//     log, in the same transaction as the change, and VerifyAudit names any
//     entry that was edited, deleted or moved.
package store
