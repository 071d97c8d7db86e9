package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testArgon2 keeps password hashing cheap in tests; the cost is written
// into each hash, so verification works the same.
var testArgon2 = Argon2{Memory: 64, Time: 1, Threads: 1}

const testPassword = "correct horse battery"

// testBaseURL is the configured address of the test servers: links are
// made with it, whatever Host the request named.
const testBaseURL = "https://reunite.example-legal-aid.org"

type env struct {
	t    *testing.T
	st   *store.Store
	srv  *httptest.Server
	app  *Server
	now  time.Time
	east *office
	west *office
}

// office is an organization with one user of each role, two families, and
// the client bound to the first.
type office struct {
	admin, rep, worker, client store.Actor
	family, other              string
	logins                     map[store.Role]string
}

func newEnv(t *testing.T) *env { t.Helper(); return newEnvWith(t, nil) }

// newEnvWith is newEnv with a change to the server's configuration.
func newEnvWith(t *testing.T, configure func(*Config)) *env {
	t.Helper()
	k, err := store.GenerateMasterKey()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, now: testNow}
	e.st, err = store.Open(context.Background(), store.Options{
		DSN: "sqlite:" + filepath.Join(t.TempDir(), "reunite.db"), Keys: store.Keys{Current: k},
		Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.st.Close() })
	cfg := Config{Store: e.st, Now: func() time.Time { return e.now }, Argon2: testArgon2, BaseURL: testBaseURL,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), SetupToken: "setup-secret"}
	if configure != nil {
		configure(&cfg)
	}
	e.app, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(e.app.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

// withOffices adds two offices, east and west.
func (e *env) withOffices() *env {
	e.east = e.newOffice("east")
	e.west = e.newOffice("west")
	return e
}

func (e *env) newOffice(name string) *office {
	t, ctx := e.t, context.Background()
	t.Helper()
	o := &office{logins: map[store.Role]string{}}
	var err error
	if o.admin, err = e.st.CreateOrg(ctx, name, store.NewUser{Login: name + "-admin", Name: "Admin"}); err != nil {
		t.Fatal(err)
	}
	o.logins[store.RoleAdmin] = name + "-admin"
	// The offices' principals have different names, so that a page can be
	// searched for a name that must not leak from one office to the other.
	first, second := sampleFamily("Tesfaye", "Selam"), sampleFamily("Okonkwo", "Ada")
	if name == "west" {
		first, second = sampleFamily("Mensah", "Kofi"), sampleFamily("Diallo", "Awa")
	}
	fam, err := e.st.CreateFamily(ctx, o.admin, first)
	if err != nil {
		t.Fatal(err)
	}
	other, err := e.st.CreateFamily(ctx, o.admin, second)
	if err != nil {
		t.Fatal(err)
	}
	o.family, o.other = fam.ID, other.ID
	mk := func(role store.Role, family string) store.Actor {
		login := name + "-" + string(role)
		id, err := e.st.CreateUser(ctx, o.admin, store.NewUser{Login: login, Name: string(role), Role: role, FamilyID: family})
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.st.ActorFor(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		o.logins[role] = login
		return a
	}
	o.rep = mk(store.RoleRepresentative, "")
	o.worker = mk(store.RoleCaseworker, "")
	o.client = mk(store.RoleClient, o.family)
	for _, a := range []store.Actor{o.admin, o.rep, o.worker, o.client} {
		h, err := testArgon2.hash(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.SetOwnPassword(ctx, a, h); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

func date(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// sampleFamily is an asylee with a husband and a daughter.
func sampleFamily(family, given string) *reunite.Family {
	return &reunite.Family{
		Format: reunite.CaseFormat,
		Principal: reunite.Principal{
			Name: reunite.Name{Family: family, Given: given}, BirthDate: reunite.BornOn(date("1985-04-12")), Sex: reunite.Female,
			Status: reunite.Asylee, AsylumFiled: date("2023-08-14"), StatusDate: date("2025-06-10"),
		},
		Members: []reunite.Member{{
			ID: "husband", Relationship: reunite.Spouse, Name: reunite.Name{Family: "Haile", Given: "Dawit"},
			BirthDate: reunite.BornOn(date("1983-09-01")), Sex: reunite.Male, MaritalStatus: reunite.Married, Location: reunite.OutsideUS,
			Marriage: &reunite.Marriage{Date: date("2010-06-20"), Form: reunite.CivilMarriage},
		}, {
			ID: "daughter", Relationship: reunite.ChildOf, Name: reunite.Name{Family: "Haile", Given: "Ruth"},
			BirthDate: reunite.BornOn(date("2004-02-29")), Sex: reunite.Female, MaritalStatus: reunite.Single, Location: reunite.OutsideUS,
			Child: &reunite.Child{Kind: reunite.Biological, BornInWedlock: reunite.Bool(true)},
		}},
	}
}

// browser is a client with its own cookies that does not follow redirects,
// so that tests see each answer.
type browser struct {
	e    *env
	c    *http.Client
	lang string
	// header is added to every request (X-Forwarded-For in tests of the
	// per-address limits).
	header http.Header
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page is an answer with its body read.
type page struct {
	*http.Response
	Body string
}

func (b *browser) do(req *http.Request) page {
	b.e.t.Helper()
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{resp, string(body)}
}

func (b *browser) get(path string) page {
	b.e.t.Helper()
	req, _ := http.NewRequest("GET", b.e.srv.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	b.e.t.Helper()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// login signs in and fails the test unless it worked.
func (b *browser) login(login string) *browser {
	b.e.t.Helper()
	p := b.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	if p.StatusCode != http.StatusSeeOther {
		b.e.t.Fatalf("login %s: status %d\n%s", login, p.StatusCode, p.Body)
	}
	return b
}

func wantStatus(t *testing.T, p page, code int) {
	t.Helper()
	if p.StatusCode != code {
		t.Fatalf("%s %s: status %d, want %d\n%.600s", p.Request.Method, p.Request.URL.Path, p.StatusCode, code, p.Body)
	}
}

func wantBody(t *testing.T, p page, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if !strings.Contains(p.Body, s) {
			t.Errorf("%s %s: body lacks %q\n%.1500s", p.Request.Method, p.Request.URL.Path, s, p.Body)
			if dir := os.Getenv("REUNITE_DUMP"); dir != "" {
				os.WriteFile(filepath.Join(dir, "failed.html"), []byte(p.Body), 0o644)
			}
		}
	}
}
