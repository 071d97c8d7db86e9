package web

import (
	"net/http"
	"strings"

	"github.com/reunite/reunite/i18n"
)

const langCookie = "reunite_lang"

// lang is the language of a request: the one the user chose, else the best
// match for the browser's preferences.
func (s *Server) lang(r *http.Request) *i18n.Lang {
	if c, err := r.Cookie(langCookie); err == nil && i18n.Valid(c.Value) {
		return s.langs[c.Value]
	}
	return s.langs[i18n.Match(r.Header.Get("Accept-Language"))]
}

// setLang handles the language switcher: a form whose buttons each post a
// language, so it works without JavaScript. It returns to the page it was on.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	code := r.PostFormValue("lang")
	if !i18n.Valid(code) {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: code, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

// maxBack bounds the page to return to: it becomes a Location header.
const maxBack = 2048

// localPath accepts only a path on this server as a place to return to, so
// that no form can send a user elsewhere. Control characters are refused
// too: browsers drop a tab or a newline from a URL, so "/<tab>/host" would
// become "//host", another site.
func localPath(p string) string {
	if len(p) > maxBack || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") ||
		strings.ContainsFunc(p, func(r rune) bool { return r == '\\' || r < 0x20 || r == 0x7f }) {
		return "/"
	}
	return p
}
