package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reunite/reunite"
	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
)

// bidiFamily has Latin names, a religious marriage (a finding with
// citations), a daughter, a married son and a parent, so that its
// dashboard shows names, citations and "k of N" inside right-to-left text.
func bidiFamily() *reunite.Family {
	no, yes := reunite.Bool(false), reunite.Bool(true)
	return &reunite.Family{Format: reunite.CaseFormat,
		Principal: reunite.Principal{Name: reunite.Name{Given: "Selam", Family: "Tesfaye"}, Sex: reunite.Female,
			Status: reunite.Asylee, AsylumFiled: reunite.NewDate(2023, 8, 14), StatusDate: reunite.NewDate(2025, 6, 2)},
		Members: []reunite.Member{
			{ID: "husband", Relationship: reunite.Spouse, Name: reunite.Name{Given: "Dawit", Family: "Haile"}, Sex: reunite.Male,
				BirthDate: reunite.BornOn(reunite.NewDate(1984, 3, 1)), MaritalStatus: reunite.Married, Location: reunite.OutsideUS, Persecutor: no,
				Marriage: &reunite.Marriage{Date: reunite.NewDate(2010, 1, 1), Form: reunite.ReligiousMarriage}},
			{ID: "daughter", Relationship: reunite.ChildOf, Name: reunite.Name{Given: "Ruth", Family: "Haile"}, Sex: reunite.Female,
				BirthDate: reunite.BornOn(reunite.NewDate(2012, 5, 10)), MaritalStatus: reunite.Single, Location: reunite.OutsideUS, Persecutor: no,
				Child: &reunite.Child{Kind: reunite.Biological, BornInWedlock: yes}},
			{ID: "mother", Relationship: reunite.Parent, Name: reunite.Name{Given: "Tsehay", Family: "Gebre"}, Sex: reunite.Female, Persecutor: no},
		},
	}
}

// position returns where the first occurrence of sub inside the element
// sel is drawn: its left and right edges and its top, in CSS pixels.
const positionJS = `(function(sel, sub) {
  const el = document.querySelector(sel);
  if (!el) return null;
  const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const i = n.data.indexOf(sub);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i); r.setEnd(n, i + sub.length);
    const b = r.getBoundingClientRect();
    return [b.left, b.right, b.top];
  }
  return null;
})`

func (b *tab) position(sel, sub string) []float64 {
	b.t.Helper()
	c, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	js := positionJS + "(" + jsString(sel) + "," + jsString(sub) + ")"
	p, err := chromedp.Run(c, chromedp.Evaluate[[]float64](js))
	if err != nil || len(p) != 3 {
		b.t.Fatalf("position of %q in %s: %v %v", sub, sel, p, err)
	}
	return p
}

// fits asserts that the page is no wider than the screen: a long citation
// or name that does not wrap pushes a right-to-left page off the left edge.
func (b *tab) fits(width float64) {
	b.t.Helper()
	w, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
	if err != nil || w > width {
		wide, _ := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`(() => {
  const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), cw = document.documentElement.clientWidth;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const r = document.createRange(); r.selectNodeContents(n);
    for (const b of r.getClientRects()) if (b.left < 0 || b.right > cw) { out.push(n.data.trim().slice(0, 60)); break; }
  }
  return out.slice(0, 5);
})()`))
		b.t.Errorf("page is %v pixels wide on a %v-pixel screen (%v); too wide: %q", w, width, err, wide)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// rightOf asserts that, on one line, a is drawn to the right of b: in a
// right-to-left line, a is read before b.
func (b *tab) rightOf(sel, a, bb string) {
	b.t.Helper()
	pa, pb := b.position(sel, a), b.position(sel, bb)
	if pa[2] != pb[2] {
		b.t.Errorf("%s: %q and %q are not on one line (top %v, %v)", sel, a, bb, pa[2], pb[2])
		return
	}
	if pa[0] < pb[1] {
		b.t.Errorf("%s: %q (at %v) is not right of %q (at %v)", sel, a, pa[:2], bb, pb[:2])
	}
}

// TestBrowserRightToLeftOrder: on a 360-pixel phone in Arabic, Dari and
// Pashto, the dashboard and a question about a relative show Latin names,
// citations and "k of N" in the right order: the sequence is read number
// first in the language's own words (never the English "1 of 2"), a
// citation such as (8 CFR 207.7(b)(6)) keeps its digits before "CFR", and a
// sentence that contains a Latin name still reads right to left around it.
// Screenshots go to web/testdata/screenshots (bidi-*).
func TestBrowserRightToLeftOrder(t *testing.T) {
	e := newEnv(t).withOffices()
	rec, err := e.st.CreateFamily(t.Context(), e.east.worker, bidiFamily())
	if err != nil {
		t.Fatal(err)
	}
	fam := "/families/" + rec.ID
	for _, tc := range []struct {
		lang string
		seq  string // "1 of 2" in the language
		// a word of the intake's question about the relative, and whether
		// the name comes before it (then the name is drawn right of it)
		word      string
		nameFirst bool
	}{
		{"ar", "العريضة 1 من 2", "صلة", false},
		{"fa-AF", "عریضهٔ 1 از 2", "کیست", true},
		{"ps", "له 2 عریضو 1مه عریضه", "خپلوي", true},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			e.now = e.now.Add(time.Minute) // one sign-in a minute: clear of the rate limit
			b := e.tab(360, 740, "bidi-"+tc.lang)
			b.t = t
			b.open("/login")
			b.do("language", chromium.ClickAndWait(`.langs button[value="`+tc.lang+`"]`))
			b.do("sign in", typeIn("login", e.east.logins[store.RoleAdmin]), typeIn("password", testPassword), next())
			b.open(fam)
			if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(() => { document.querySelectorAll('details').forEach(d => d.open = true); return true })()`)); err != nil {
				t.Fatal(err)
			}
			b.check("dashboard")
			b.fits(360)

			// "k of N": in the language, and the first-read number on the right.
			seq := `.petition.review .seq`
			b.wantText(seq, tc.seq)
			first, second := "1", "2"
			if strings.Index(tc.seq, "2") < strings.Index(tc.seq, "1") {
				first, second = "2", "1"
			}
			b.rightOf(seq, first, second)
			if got := b.text("main"); strings.Contains(got, "1 of 2") || strings.Contains(got, "2 of 2") {
				t.Errorf("the page has the English \"k of N\"")
			}
			// The next step that prepares the petition says it too.
			b.wantText(`.petition.review .next`, tc.seq)

			// Citations stay left to right: "8" before "CFR", "(b)" after "207.7".
			cite := `.petition.ineligible .finding.fail .cite`
			b.wantText(cite, "8 CFR 207.7(b)(6)")
			pe, pc := b.position(cite, "8 CFR"), b.position(cite, "207.7(b)(6)")
			if pe[2] == pc[2] && pe[0] > pc[0] {
				t.Errorf("citation reversed: \"8 CFR\" at %v, \"207.7(b)(6)\" at %v", pe, pc)
			}

			// The relative's name is isolated: the heading's name is in <bdi>,
			// and in the intake's question the words around it keep their order.
			if got := b.text(`.petition.review h3 bdi`); got != "Dawit Haile" {
				t.Errorf("name in <bdi> = %q", got)
			}
			b.open(fam + "/intake/relative/husband")
			b.check("relative")
			b.fits(360)
			b.wantText(`.intro bdi`, "Dawit Haile")
			b.rightOf(`.intro`, "Haile", "Dawit") // the name itself left to right
			if tc.nameFirst {
				b.rightOf(`.intro`, "Dawit", tc.word)
			} else {
				b.rightOf(`.intro`, tc.word, "Haile")
			}
		})
	}
}
