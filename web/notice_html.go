package web

import (
	"bytes"
	"html/template"
	"strconv"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/policy"
)

// A policy notice's HTML, written by the "notice" template
// (partials/notice.html) once and reused: a family of six sees the same
// half-dozen notices once per relative, 39 articles and 40% of the bytes
// of the benchmark's dashboard, and executing the template for each was
// the largest part of rendering the page. The HTML depends only on the
// language of the fixed words, the heading's level and what the notice
// shows, so the key holds exactly these: two families reached by the same
// notice share its HTML, and a notice whose text, dates, sources or
// unknown facts differ (another version, another family's facts) has
// another key.

// noticeHTMLMax bounds the cache: about 40 notices in 16 languages at two
// heading levels, with room for the unknown facts that vary by family.
// Past it the cache starts again empty rather than tracking use.
const noticeHTMLMax = 2048

var noticeHTMLs = struct {
	mu sync.Mutex
	m  map[string]template.HTML
}{m: map[string]template.HTML{}}

// noticesHTML writes the notices of ns, one after the other, as the
// "notice" template of t writes them with the heading level given.
func noticesHTML(t *template.Template, code string, ns []policy.Shown, level int) (template.HTML, error) {
	switch len(ns) {
	case 0:
		return "", nil
	case 1:
		return noticeHTML(t, code, ns[0], level)
	}
	var b bytes.Buffer
	for _, n := range ns {
		h, err := noticeHTML(t, code, n, level)
		if err != nil {
			return "", err
		}
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// noticeHTMLList is each notice of ns as noticeHTML writes it, not joined:
// the dashboard writes a relative's notices into its list of petitions
// (writePetitionItems), and joining them first made a copy of some forty
// kilobytes per page, and its garbage.
func noticeHTMLList(t *template.Template, code string, ns []policy.Shown, level int) ([]template.HTML, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	out := make([]template.HTML, len(ns))
	for i, n := range ns {
		h, err := noticeHTML(t, code, n, level)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

// noticeHTML is one notice's HTML, from the cache or written and kept.
func noticeHTML(t *template.Template, code string, n policy.Shown, level int) (template.HTML, error) {
	var buf [2048]byte
	key := appendNoticeKey(buf[:0], code, level, n)
	noticeHTMLs.mu.Lock()
	h, ok := noticeHTMLs.m[string(key)] // no copy of the key for a lookup
	noticeHTMLs.mu.Unlock()
	if ok {
		return h, nil
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "notice", noticeArgs{Code: code, N: n, Level: level}); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	noticeHTMLs.mu.Lock()
	if len(noticeHTMLs.m) >= noticeHTMLMax {
		clear(noticeHTMLs.m)
	}
	noticeHTMLs.m[string(key)] = h
	noticeHTMLs.mu.Unlock()
	return h, nil
}

// appendNoticeKey appends to b every input of the "notice" template: the
// language, the level and each field of the notice it reads (and a few it
// does not, kept so that the key reads as the notice's identity). Each
// string is prefixed with its length, so no two inputs share a key.
// TestNoticeKeyCoversTemplate changes each field in turn and checks that a
// change of the HTML is a change of the key.
func appendNoticeKey(b []byte, code string, level int, n policy.Shown) []byte {
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	flag := func(v bool) {
		if v {
			b = append(b, 't')
		} else {
			b = append(b, 'f')
		}
	}
	date := func(d *reunite.Date) {
		if d == nil {
			b = append(b, '-')
			return
		}
		b, _ = d.AppendText(append(b, '+'))
	}
	str(code)
	b = strconv.AppendInt(append(b, ';'), int64(level), 10)
	str(n.ID)
	str(n.Title)
	str(n.Text)
	str(n.Lang)
	str(string(n.Confidence))
	flag(n.Current)
	flag(n.Draft)
	flag(n.Approximate)
	flag(n.ApproximateEnd)
	date(&n.Effective)
	date(n.End)
	date(n.Ended)
	b = strconv.AppendInt(append(b, ';'), int64(len(n.Unknown)), 10)
	for _, u := range n.Unknown {
		str(u)
	}
	b = strconv.AppendInt(append(b, ';'), int64(len(n.Sources)), 10)
	for _, s := range n.Sources {
		str(s.Title)
		str(s.Publisher)
		str(s.Link)
		date(s.Date)
	}
	return b
}
