package web

import (
	"strconv"

	"github.com/reunite/reunite/policy"
)

// The office view's content is written in Go (writeContent) exactly as the
// "content" template of templates/office.html wrote it (the template is
// kept in testdata/office-before, and TestOfficeContentAsTemplate
// compares): its rows were already written in Go (officeRowsHTML), and
// the rest, some forty actions looked up, called and escaped through
// reflection, was still about a ninth of the page's processor at 100,000
// families. Every value is escaped as html/template escaped it where it
// stands (escape.go); template.HTML values (H, the rows) are written as
// they are.

// contentSize is about the bytes of the content, so that the page's buffer
// grows once.
func (p officePage) contentSize() int { return 4_000 + len(p.RowsHTML) }

// writeContent writes the office view's content, between the layout's parts.
func (p officePage) writeContent(b htmlWriter) {
	l := p.L
	raw := b.WriteString
	t := func(key string) { escapeText(b, l.T(key)) }
	raw("\n<h1>")
	t("office.title")
	raw("</h1>\n<p><a href=\"/due\" class=\"needs-link\">")
	t("trk.needs_link")
	raw("</a></p>\n<p><a href=\"/families/notices\">")
	escapeText(b, policy.Label(l.Code, "web.link"))
	raw("</a></p>\n")
	if p.Stale != 0 {
		raw("<p class=\"notice\" role=\"status\">")
		escapeText(b, policy.Label(l.Code, "web.stale_count", "n", strconv.Itoa(p.Stale)))
		raw("</p>")
	}
	raw("\n")
	if p.Notice != "" {
		raw("<p class=\"notice\" role=\"status\">")
		escapeText(b, policy.Label(l.Code, "web.filtered", "title", p.NoticeTitle))
		raw(" · <a href=\"/families\">")
		escapeText(b, policy.Label(l.Code, "web.clear"))
		raw("</a></p>")
	}
	raw("\n<form method=\"post\" action=\"/families\" class=\"filters\" role=\"search\">\n  <input type=\"hidden\" name=\"page\" value=\"1\">\n  ")
	if p.Notice != "" {
		p.hidden(b, "notice", p.Notice)
	}
	raw("\n  <div class=\"field\"><label for=\"q\">")
	t("office.search")
	raw("</label>\n  <input type=\"search\" id=\"q\" name=\"q\" value=\"")
	escapeText(b, p.Query)
	raw("\" autocomplete=\"off\"></div>\n  <div class=\"field\"><label for=\"filter\">")
	t("office.filter")
	raw("</label>\n  <select id=\"filter\" name=\"filter\">\n    ")
	p.options(b, "office.filter.", p.Filter, "", "review", "soon", "late")
	raw("\n  </select></div>\n  <div class=\"field\"><label for=\"sort\">")
	t("office.sort")
	raw("</label>\n  <select id=\"sort\" name=\"sort\">\n    ")
	p.options(b, "office.sort.", p.Sort, "urgent", "deadline", "name", "updated")
	raw("\n  </select></div>\n  <button type=\"submit\">")
	t("office.apply")
	raw("</button>\n</form>\n<p role=\"status\">")
	raw(string(l.H("office.count", "n", p.Shown, "total", p.Total)))
	raw("</p>\n")
	if len(p.Lines) == 0 {
		raw("<p>")
		t("office.empty")
		raw("</p>")
	} else {
		raw("\n<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"office-caption\" tabindex=\"0\">\n<table class=\"office\">\n  <caption id=\"office-caption\">")
		t("office.caption")
		raw("</caption>\n  <thead><tr>\n    <th scope=\"col\">")
		t("office.col.family")
		raw("</th>\n    <th scope=\"col\">")
		t("office.col.deadline")
		raw("</th>\n    <th scope=\"col\">")
		t("office.col.petitions")
		raw("</th>\n  </tr></thead>\n  <tbody>\n  ")
		raw(string(p.RowsHTML))
		raw("\n  </tbody>\n</table>\n</div>\n")
		if p.Pages > 1 {
			p.writePager(b)
		}
		raw("\n")
	}
	raw("\n<p><a href=\"/families/new\" class=\"button\">")
	t("nav.new_family")
	raw("</a></p>\n")
}

// writePager writes the links to the neighbouring pages: buttons of a
// posted form for a search (whose words never go in an address), links
// otherwise.
func (p officePage) writePager(b htmlWriter) {
	l := p.L
	raw := b.WriteString
	t := func(key string) { escapeText(b, l.T(key)) }
	// pages writes the previous page's control, "page n of m" and the next
	// page's, each set in by indent; control writes one of the two.
	pages := func(indent string, control func(page int, href, rel, key string)) {
		raw(indent)
		if p.Prev != "" {
			control(p.Page-1, p.Prev, "prev", "office.prev")
		}
		raw(indent + "<span>")
		raw(string(l.H("office.page", "n", p.Page, "of", p.Pages)))
		raw("</span>" + indent)
		if p.Next != "" {
			control(p.Page+1, p.Next, "next", "office.next")
		}
	}
	raw("\n<nav class=\"pager\" aria-label=\"")
	t("office.pages")
	raw("\">\n  ")
	if p.Query != "" {
		raw("\n  <form method=\"post\" action=\"/families\" class=\"inline\">\n    ")
		p.hidden(b, "q", p.Query)
		p.hidden(b, "filter", p.Filter)
		p.hidden(b, "sort", p.Sort)
		if p.Notice != "" {
			p.hidden(b, "notice", p.Notice)
		}
		pages("\n    ", func(page int, _, _, key string) {
			raw("<button type=\"submit\" name=\"page\" value=\"")
			raw(strconv.Itoa(page))
			raw("\" class=\"link\">")
			t(key)
			raw("</button>")
		})
		raw("\n  </form>\n  ")
	} else {
		pages("\n  ", func(_ int, href, rel, key string) {
			raw("<a href=\"")
			escapeURL(b, href)
			raw("\" rel=\"")
			raw(rel)
			raw("\">")
			t(key)
			raw("</a>")
		})
		raw("\n  ")
	}
	raw("\n</nav>\n")
}

// hidden writes a hidden field of the office's forms.
func (p officePage) hidden(b htmlWriter, name, value string) {
	b.WriteString("<input type=\"hidden\" name=\"")
	b.WriteString(name)
	b.WriteString("\" value=\"")
	escapeText(b, value)
	b.WriteString("\">")
}

// options writes a select's options, the one equal to chosen selected,
// each labelled by the catalog's key prefix+value.
func (p officePage) options(b htmlWriter, prefix, chosen string, values ...string) {
	for _, v := range values {
		b.WriteString("<option value=\"")
		escapeText(b, v)
		b.WriteString("\"")
		if v == chosen {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		escapeText(b, p.L.T(prefix+v))
		b.WriteString("</option>")
	}
}
