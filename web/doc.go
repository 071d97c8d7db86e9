// Package web is Reunite's web application: server-rendered HTML pages
// (html/template, no JavaScript needed) for signing in, the guided intake,
// the family dashboard and the office view, in every language of package
// i18n. Every route is listed in routes.go; each page or action has a file
// of its own; handlers are thin and call the store, which scopes every read
// and write by the signed-in user.
//
// Security: sessions live in the database (the cookie holds a random token
// whose hash is stored), passwords are argon2id hashes, state-changing
// requests from other origins are refused (http.CrossOriginProtection, and
// SameSite=Lax cookies), and every answer carries a strict Content Security
// Policy with no inline scripts. Secrets (one-time link tokens) appear in
// paths only for links that are used once, and the request log redacts them.
package web
