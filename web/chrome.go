package web

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// The layout's navigation and language switcher (templates/layout.html,
// "nav" and "langs") were executed for every page: some 80 template
// actions, a button per language, each looked up and escaped through
// reflection, for bytes that change only with the language, the role, a
// client's family and the page's path. They are executed once per
// language and role at start-up, with placeholders for the family and the
// path, and each page puts its own in, escaped as the template escapes
// them there. TestChromeAsTemplate compares with the templates executed
// for each page, as before.

// Placeholders stand for a value while the templates are executed at
// start-up: letters and digits, which no escaper changes, and which no
// page's words contain.
const (
	familyPlaceholder = "Zq7family0Xv"
	herePlaceholder   = "Zq7here0Xv"
)

// chromeRoles are the roles a signed-in user may have.
var chromeRoles = []store.Role{store.RoleAdmin, store.RoleRepresentative, store.RoleCaseworker, store.RoleClient}

type chromeKey struct {
	lang string
	role store.Role
}

// chrome is the layout's parts prepared at start-up.
type chrome struct {
	nav   map[chromeKey]holes // by language and role; a client's family to put in
	langs map[string]holes    // by language; the page's path to put in
	// frames holds the layouts of pages written in Go, prepared when first
	// asked for (frame.go): frameKey -> *frame, nil if it cannot be.
	frames sync.Map
}

// holes is prepared HTML with the places of one value between its parts,
// and how that value is escaped there.
type holes struct {
	parts  []string
	escape func(htmlWriter, string)
}

// with puts v in every place of h.
func (h holes) with(v string) template.HTML {
	if len(h.parts) == 1 {
		return template.HTML(h.parts[0])
	}
	var b strings.Builder
	for i, p := range h.parts {
		if i > 0 {
			h.escape(&b, v)
		}
		b.WriteString(p)
	}
	return template.HTML(b.String())
}

// prepareChrome executes the "nav" and "langs" templates of t for every
// language and role. A placeholder found where the code does not expect
// it (the page's path in the navigation, say) is an error: its escaping
// would be unknown.
func prepareChrome(t *template.Template, langs []*i18n.Lang) (*chrome, error) {
	c := &chrome{nav: map[chromeKey]holes{}, langs: map[string]holes{}}
	exec := func(name string, b base, want, other string, escape func(htmlWriter, string)) (holes, error) {
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, b); err != nil {
			return holes{}, err
		}
		out := buf.String()
		if strings.Contains(out, other) {
			return holes{}, fmt.Errorf("web: template %q (%s, %s) shows a value it was not expected to", name, b.L.Code, b.Role)
		}
		return holes{parts: strings.Split(out, want), escape: escape}, nil
	}
	for _, l := range langs {
		b := base{L: l, Langs: langs, Here: herePlaceholder, FamilyID: familyPlaceholder}
		h, err := exec("langs", b, herePlaceholder, familyPlaceholder, escapeText) // a hidden input's value
		if err != nil {
			return nil, err
		}
		c.langs[l.Code] = h
		for _, r := range chromeRoles {
			b.SignedIn, b.Role = true, r
			// The family goes in links, after "/families/".
			if c.nav[chromeKey{l.Code, r}], err = exec("nav", b, familyPlaceholder, herePlaceholder, escapeURLPath); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// Nav is the navigation of the signed-in user, for the layout.
func (b base) Nav() (template.HTML, error) {
	h, ok := b.chrome.nav[chromeKey{b.L.Code, b.Role}]
	if !ok {
		return "", fmt.Errorf("web: no navigation for %s in %s", b.Role, b.L.Code)
	}
	return h.with(b.FamilyID), nil
}

// Switcher is the language switcher, for the layout.
func (b base) Switcher() (template.HTML, error) {
	h, ok := b.chrome.langs[b.L.Code]
	if !ok {
		return "", fmt.Errorf("web: no language switcher in %s", b.L.Code)
	}
	return h.with(b.Here), nil
}
