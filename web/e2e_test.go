package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reunite/reunite"
	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
)

// End-to-end tests in a real Chromium. Screenshots of every page visited go
// to web/testdata/screenshots (or $REUNITE_SCREENSHOTS); every page is
// checked with axe-core's WCAG 2.1 AA rules.

type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	shot string // prefix of screenshot names
	n    int
}

func (e *env) tab(width, height int64, shot string) *tab {
	return &tab{t: e.t, ctx: chromium.New(e.t, width, height), base: e.srv.URL, shot: shot}
}

func (b *tab) open(path string) {
	b.t.Helper()
	chromium.Step(b.t, b.ctx, "open "+path, chromedp.Navigate(b.base+path))
}

func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	chromium.Step(b.t, b.ctx, what, actions...)
}

// check takes a screenshot and runs axe-core on the page.
func (b *tab) check(name string) {
	b.t.Helper()
	b.n++
	chromium.Screenshot(b.t, b.ctx, b.shot+"-"+twoDigits(b.n)+"-"+name)
	chromium.Axe(b.t, b.ctx, b.shot+" "+name)
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	c, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *tab) wantText(sel string, parts ...string) {
	b.t.Helper()
	got := b.text(sel)
	for _, p := range parts {
		if !strings.Contains(got, p) {
			b.t.Errorf("%s: %q lacks %q", sel, got, p)
		}
	}
}

func (b *tab) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, b.base)
}

// answerDetails answers the form-details pages of a relative (member id)
// or of the principal (""), as the browser is sent from one to the next.
func answerDetails(b *tab, familyID, member string) {
	b.t.Helper()
	base := "/families/" + familyID + "/intake/"
	for n := 0; n < 12; n++ {
		page := strings.TrimPrefix(b.location(), base)
		kind, who, _ := strings.Cut(page, "/")
		if who != member || kind == "filing" || kind == "relative" {
			return
		}
		b.do(page, fill(detailAnswers(kind)))
	}
	b.t.Fatalf("the details of %q do not end", member)
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func typeIn(name, value string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.CSS(`[name="`+name+`"]`), value)
}

func pick(name, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(`input[name="` + name + `"][value="` + value + `"]`))
}

func typeDate(name, d, m, y string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(typeIn(name+"_d", d), chromedp.SetValue(chromedp.CSS(`select[name="`+name+`_m"]`), m), typeIn(name+"_y", y))
}

func next() chromedp.Action[chromedp.Void] { return chromium.ClickAndWait(`form button.primary`) }

// TestBrowserArabicIntakeOnPhone: a principal invited by her caseworker
// opens the link on a 360-pixel phone, switches to Arabic, chooses a
// password and answers the whole intake; the dashboard then shows her
// family's assessment right to left.
func TestBrowserArabicIntakeOnPhone(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := t.Context()
	rec, err := e.st.CreateFamily(ctx, e.east.worker, &reunite.Family{Format: reunite.CaseFormat,
		Principal: reunite.Principal{Name: reunite.Name{Given: "Amal", Family: "Haddad"}}, Members: []reunite.Member{}})
	if err != nil {
		t.Fatal(err)
	}
	uid, err := e.st.CreateClient(ctx, e.east.worker, rec.ID, "amal", "Amal Haddad")
	if err != nil {
		t.Fatal(err)
	}
	tok := newToken()
	if err := e.st.CreateLink(ctx, e.east.worker, uid, store.LinkInvite, tokenHash(tok), time.Hour); err != nil {
		t.Fatal(err)
	}
	b := e.tab(360, 740, "phone-ar")
	b.open("/link/" + tok)
	b.do("switch to Arabic", chromium.ClickAndWait(`.langs button[value="ar"]`))
	b.wantText("h1", "اختر كلمة المرور")
	b.check("password")
	b.do("choose a password", typeIn("password", "كلمة سر طويلة جدا"), next())
	if loc := b.location(); loc != "/families/"+rec.ID {
		t.Fatalf("after the invitation: at %s", loc)
	}
	b.check("empty-dashboard")
	b.do("start the questions", chromium.ClickAndWait(`a[href$="/intake/principal"]`))
	b.wantText("h1", "عنك")
	b.do("principal", typeDate("birth", "١٢", "4", "١٩٨٨"), pick("sex", "F"))
	b.check("principal")
	b.do("principal: continue", next())
	b.wantText("h1", "وضعك")
	b.do("status", pick("status", "asylee"))
	b.check("status")
	b.do("status: continue", next())
	// An asylee is asked the I-589 date and the grant date.
	b.do("dates: a wrong date first", typeDate("asylum_filed", "31", "2", "2021"), typeDate("status_date", "15", "1", "2025"), next())
	b.wantText("#e-asylum_filed", "هذا ليس تاريخًا صحيحًا")
	b.check("dates-problem")
	b.do("dates: fix", chromedp.Clear(chromedp.CSS(`[name="asylum_filed_d"]`)), typeIn("asylum_filed_d", "10"), next())
	b.wantText("h1", "أقاربك")
	b.do("add husband", pick("relationship", "spouse"), typeIn("given", "أحمد"), typeIn("family", "حداد"),
		chromium.ClickAndWait(`button[name="add"]`))
	b.do("add daughter", pick("relationship", "child"), typeIn("given", "ليلى"), typeIn("family", "حداد"),
		chromium.ClickAndWait(`button[name="add"]`))
	b.check("relatives")
	b.do("relatives: continue", chromium.ClickAndWait(`button[name="next"]`))

	b.do("husband", typeDate("birth", "1", "9", "1986"), pick("sex", "M"), pick("marital", "married"), pick("location", "outside_us"))
	b.check("husband")
	b.do("husband: continue", next())
	b.do("marriage", typeDate("marriage_date", "20", "6", "2010"), pick("marriage_form", "civil"),
		typeIn("marriage_place_city", "دمشق"), chromedp.SetValue(chromedp.CSS(`select[name="marriage_place_country"]`), "SY"))
	b.check("marriage")
	b.do("marriage: continue", next())
	// Every bar is Yes, No or I don't know: none is left to mean no.
	b.do("husband bars", pick("persecutor", "no"), pick("other_bars", "no"), pick("removal", "no"), pick("protected", "no"), pick("fraud", "no"))
	b.check("husband-bars")
	b.do("husband bars: continue", next())
	answerDetails(b, rec.ID, "r1")

	b.do("daughter", typeDate("birth", "29", "2", "2008"), pick("sex", "F"), pick("marital", "single"), pick("location", "outside_us"), next())
	b.do("daughter: biological", pick("kind", "biological"), pick("listed", "yes"), next())
	// Born in wedlock? is asked only once the child is known to be biological.
	b.wantText("main form", "هل كنت أنت والوالد الآخر")
	b.check("daughter-ties")
	b.do("daughter: wedlock", pick("wedlock", "yes"), pick("kind", "biological"), pick("listed", "yes"), next())
	b.do("daughter bars", fill(allNo()))
	answerDetails(b, rec.ID, "r2")
	answerDetails(b, rec.ID, "")
	b.check("filing")
	b.do("filing: continue", next())
	b.do("helpers", fill(url.Values{"interpreter": {"no"}, "preparer": {"no"}, "representative": {"no"}}))

	if loc := b.location(); loc != "/families/"+rec.ID+"/review" {
		t.Fatalf("after the intake: at %s, want the answers' list", loc)
	}
	b.check("review")
	b.do("done", chromium.ClickAndWait(`a.button.primary`))
	b.wantText("main", "15 يناير 2027", "يمكن تقديم عريضة لـ 2 من 2", "أحمد حداد", "ليلى حداد", "يمكن التقديم")
	dir, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.documentElement.dir`))
	if err != nil || dir != "rtl" {
		t.Errorf("dir = %q, %v", dir, err)
	}
	b.check("dashboard")
}

// TestBrowserCaseworkerOfficeView: a caseworker signs in on a laptop and
// finds her families, most urgent first, then opens one.
func TestBrowserCaseworkerOfficeView(t *testing.T) {
	e := newEnv(t).withOffices()
	late := sampleFamily("Rahimi", "Farid")
	late.Principal.StatusDate, late.Principal.AsylumFiled = date("2023-01-15"), date("2021-05-10")
	if _, err := e.st.CreateFamily(t.Context(), e.east.admin, late); err != nil {
		t.Fatal(err)
	}
	b := e.tab(1280, 900, "office-en")
	b.open("/login")
	b.check("login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	b.wantText("h1", "Families of the office")
	b.wantText("tbody tr:first-child", "Farid Rahimi", "The deadline passed")
	b.check("office")
	b.do("search", typeIn("q", "Okonkwo"), chromium.ClickAndWait(`.filters button`))
	b.wantText("tbody", "Ada Okonkwo")
	b.do("open the family", chromium.ClickAndWait(`tbody a`))
	b.wantText("main", "Family of Ada Okonkwo", "Deadline to file")
	b.do("open the reasons", chromedp.Click(chromedp.CSS(`details summary`)))
	b.check("dashboard")
	b.open("/account")
	b.do("set up two-step sign-in", chromium.ClickAndWait(`main form button`))
	b.wantText("main", "Scan this code")
	b.check("two-step-setup")
}

// TestBrowserLoginLockout: five wrong passwords lock the account, and the
// sixth attempt, even with the right password, is refused and says so.
func TestBrowserLoginLockout(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.tab(360, 740, "lockout")
	login := e.east.logins[store.RoleCaseworker]
	b.open("/login")
	for i := range 5 {
		b.do("wrong password", chromedp.Clear(chromedp.CSS(`#login`)), typeIn("login", login),
			typeIn("password", "wrong-"+twoDigits(i)), next())
		if i < 4 {
			b.wantText("#login-problem", "not right")
		} else {
			b.wantText("#login-problem", "locked") // the fifth failure locks
		}
	}
	b.do("right password", chromedp.Clear(chromedp.CSS(`#login`)), typeIn("login", login), typeIn("password", testPassword), next())
	b.wantText("#login-problem", "locked")
	if loc := b.location(); loc != "/login" {
		t.Errorf("signed in despite the lockout: at %s", loc)
	}
	b.check("locked")
}

// TestBrowserClientRefusedOtherFamily: a client who types another family's
// address sees a refusal that says nothing about that family.
func TestBrowserClientRefusedOtherFamily(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.tab(360, 740, "client-refused")
	b.open("/login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleClient]), typeIn("password", testPassword), next())
	b.wantText("h1", "Family of Selam Tesfaye")
	b.open("/families/" + e.east.other)
	b.wantText("h1", "does not exist")
	if strings.Contains(b.text("body"), "Okonkwo") {
		t.Error("the refusal names the other family")
	}
	b.check("refused")
}

// TestBrowserEveryPageBothDirections signs an administrator in, in English
// and in Dari, and checks every kind of page with axe-core at phone width:
// the office view, the dashboard, every step of the intake, users, tokens
// and the account page.
func TestBrowserEveryPageBothDirections(t *testing.T) {
	e := newEnv(t).withOffices()
	fam := "/families/" + e.east.family
	// A family with a daughter in the United States (her entries) and a
	// principal whose mail goes elsewhere (the mailing address).
	inUS := sampleFamily("Mensah", "Abena")
	inUS.Members[1].Location = reunite.InsideUS
	inUS.Principal.Contact = &reunite.ContactFacts{MailingSame: reunite.Bool(false)}
	rec2, err := e.st.CreateFamily(t.Context(), e.east.admin, inUS)
	if err != nil {
		t.Fatal(err)
	}
	fam2 := "/families/" + rec2.ID
	pages := []struct{ name, path string }{
		{"intake-entries", fam2 + "/intake/entries/daughter"},
		{"intake-mailing", fam2 + "/intake/mailing"},
		{"office", "/families"},
		{"new-family", "/families/new"},
		{"dashboard", fam},
		{"intake-principal", fam + "/intake/principal"},
		{"intake-status", fam + "/intake/status"},
		{"intake-dates", fam + "/intake/dates"},
		{"intake-relatives", fam + "/intake/relatives"},
		{"intake-relative", fam + "/intake/relative/husband"},
		{"intake-ties-spouse", fam + "/intake/ties/husband"},
		{"intake-ties-child", fam + "/intake/ties/daughter"},
		{"intake-bars", fam + "/intake/bars/daughter"},
		{"intake-filing", fam + "/intake/filing"},
		{"intake-remove-confirm", fam + "/intake/relatives?remove=daughter"},
		{"intake-contact-relative", fam + "/intake/contact/husband"},
		{"intake-native", fam + "/intake/native/husband"},
		{"intake-birth-relative", fam + "/intake/birth/husband"},
		{"intake-names-relative", fam + "/intake/names/husband"},
		{"intake-marriages-relative", fam + "/intake/marriages/husband"},
		{"intake-languages", fam + "/intake/languages/husband"},
		{"intake-contact", fam + "/intake/contact"},
		{"intake-birth", fam + "/intake/birth"},
		{"intake-names", fam + "/intake/names"},
		{"intake-marriages", fam + "/intake/marriages"},
		{"intake-grant", fam + "/intake/grant"},
		{"intake-social", fam + "/intake/social"},
		{"intake-social-relative", fam + "/intake/social/husband"},
		{"intake-helpers", fam + "/intake/helpers"},
		{"review", fam + "/review"},
		{"versions", fam + "/versions"},
		{"users", "/users"},
		{"tokens", "/tokens"},
		{"account", "/account"},
		{"reminders", "/reminders"},
		{"client-reminders", fam + "/reminders"},
		{"overview", "/overview"},
		{"not-found", "/families/fnosuchfamily"},
	}
	for _, lang := range []string{"en", "fa-AF"} {
		t.Run(lang, func(t *testing.T) {
			e.now = e.now.Add(time.Minute) // one sign-in a minute: clear of the rate limit
			b := e.tab(360, 740, "pages-"+lang)
			b.open("/login")
			b.do("language", chromium.ClickAndWait(`.langs button[value="`+lang+`"]`))
			b.do("sign in", typeIn("login", e.east.logins[store.RoleAdmin]), typeIn("password", testPassword), next())
			for _, p := range pages {
				b.open(p.path)
				dir, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.documentElement.dir`))
				if want := map[string]string{"en": "ltr", "fa-AF": "rtl"}[lang]; err != nil || dir != want {
					t.Errorf("%s: dir = %q, want %q (%v)", p.name, dir, want, err)
				}
				b.check(p.name)
			}
		})
	}
}
