package web

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/reunite/reunite/store"
)

// The frame of a page whose content is written in Go (writtenContent) is
// the layout around its content: the head, the navigation, the language
// switcher, the footer. Executing layout.html for it was more than the
// content itself on the dashboard (a tenth of a dashboard's time under
// load, scripts/load): its actions go through reflection. Yet it depends
// only on the language, the role (or being signed out), the page's title
// and template, a client's family and the page's path. So it is executed
// once per language, role, title and template, the first time it is
// asked for, with the placeholders of chrome.go for the family and the
// path, and each page puts its own in, escaped as the navigation and the
// switcher escape them. TestFrameAsTemplate compares with the layout
// executed for each page.

// frameKey is what a frame depends on, the family and the path aside.
type frameKey struct {
	t        *template.Template
	lang     string
	role     store.Role
	signedIn bool
	title    string
}

// frame is a page's layout split at its content, and at the places of the
// family and the path in each part.
type frame struct {
	top, end     framePart
	family, here func(htmlWriter, string) // how each value is escaped
}

// framePart is prepared HTML with the places of the values between its
// parts: values[i] is the value between parts[i] and parts[i+1].
type framePart struct {
	parts  []string
	values []frameValue
}

type frameValue int

const (
	frameFamily frameValue = iota // in the navigation's links
	frameHere                     // in the switcher's hidden input
)

// frameOf returns the prepared frame of b's page of template t, preparing
// it the first time; nil when the layout shows b's family or path
// elsewhere than the chrome expects (the page is then executed whole).
func frameOf(t *template.Template, b base) *frame {
	if b.chrome == nil {
		return nil
	}
	k := frameKey{t: t, lang: b.L.Code, role: b.Role, signedIn: b.SignedIn, title: b.Title}
	if f, ok := b.chrome.frames.Load(k); ok {
		return f.(*frame)
	}
	f := prepareFrame(t, b)
	b.chrome.frames.Store(k, f)
	return f
}

// prepareFrame executes the layout of t with placeholders for the family
// and the path. Each placeholder must appear as many times as the
// navigation and the switcher hold it, nowhere else.
func prepareFrame(t *template.Template, b base) *frame {
	b.FamilyID, b.Here = familyPlaceholder, herePlaceholder
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", b); err != nil {
		return nil
	}
	top, end, found := strings.Cut(buf.String(), contentMark)
	if !found || strings.Contains(end, contentMark) {
		return nil
	}
	// The chrome holds the values' places, and knows how each is escaped:
	// the layout must show them there and nowhere else.
	f := &frame{top: splitFrame(top), end: splitFrame(end)}
	var wantFamily, wantHere int
	if b.SignedIn {
		nav, ok := b.chrome.nav[chromeKey{b.L.Code, b.Role}]
		if !ok {
			return nil
		}
		wantFamily, f.family = len(nav.parts)-1, nav.escape
	}
	sw, ok := b.chrome.langs[b.L.Code]
	if !ok {
		return nil
	}
	wantHere, f.here = len(sw.parts)-1, sw.escape
	all := top + end
	if strings.Count(all, familyPlaceholder) != wantFamily || strings.Count(all, herePlaceholder) != wantHere {
		return nil
	}
	return f
}

// splitFrame splits s at the placeholders.
func splitFrame(s string) framePart {
	var p framePart
	for {
		i, j := strings.Index(s, familyPlaceholder), strings.Index(s, herePlaceholder)
		switch {
		case i < 0 && j < 0:
			p.parts = append(p.parts, s)
			return p
		case j < 0 || (i >= 0 && i < j):
			p.parts, p.values = append(p.parts, s[:i]), append(p.values, frameFamily)
			s = s[i+len(familyPlaceholder):]
		default:
			p.parts, p.values = append(p.parts, s[:j]), append(p.values, frameHere)
			s = s[j+len(herePlaceholder):]
		}
	}
}

// write writes part p of f with b's family and path in their places.
func (f *frame) write(w htmlWriter, p framePart, b base) {
	for i, s := range p.parts {
		if i > 0 {
			switch p.values[i-1] {
			case frameFamily:
				f.family(w, b.FamilyID)
			case frameHere:
				f.here(w, b.Here)
			}
		}
		w.WriteString(s)
	}
}

// size is about the bytes of the part once written.
func (p framePart) size() int {
	n := 0
	for _, s := range p.parts {
		n += len(s)
	}
	return n + 64*len(p.values)
}
