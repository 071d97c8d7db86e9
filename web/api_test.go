package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web/api"
)

// TestOpenAPIMatchesRoutes fails when web/openapi.yaml documents a route
// the API does not serve, or the API serves one it does not document.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	data, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                    `yaml:"openapi"`
		Paths   map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if method == "parameters" {
				continue
			}
			documented = append(documented, strings.ToUpper(method)+" "+path)
			if m, ok := op.(map[string]any); !ok || m["responses"] == nil {
				t.Errorf("%s %s: no responses", method, path)
			}
		}
	}
	served := api.New(nil, nil, nil, nil).Routes()
	slices.Sort(documented)
	slices.Sort(served)
	if !slices.Equal(documented, served) {
		t.Errorf("openapi.yaml documents\n  %v\nthe API serves\n  %v", documented, served)
	}
}

// apiClient calls the API with a token.
type apiClient struct {
	e     *env
	token string
}

func (c apiClient) call(method, path, ifMatch string, body string) (int, map[string]any) {
	c.e.t.Helper()
	return c.send(method, path, ifMatch, "application/json", body)
}

// send is call with the body's type (a file for an upload).
func (c apiClient) send(method, path, ifMatch, contentType, body string) (int, map[string]any) {
	c.e.t.Helper()
	req, _ := http.NewRequest(method, c.e.srv.URL+path, strings.NewReader(body))
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if op := checkAgainstDoc(c.e.t, method, path, req.Header, []byte(body), resp.StatusCode, resp.Header, raw); op != "" {
		calledOps.Store(op, true)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		c.e.t.Fatalf("%s %s: not JSON: %s", method, path, raw)
	}
	return resp.StatusCode, out
}

var tokenRE = regexp.MustCompile(`reunite_[A-Za-z0-9_-]{43}`)

// tokenFor makes a token through the web page, as a user would.
func (e *env) tokenFor(login string) string {
	e.t.Helper()
	e.now = e.now.Add(2 * e.app.cfg.IdleTimeout / 3) // keep clear of the sign-in rate limit
	b := e.browser().login(login)
	p := b.post("/tokens", url.Values{"name": {"office script"}, "password": {testPassword}})
	wantStatus(e.t, p, http.StatusOK)
	tok := tokenRE.FindString(p.Body)
	if tok == "" {
		e.t.Fatalf("no token on the page:\n%.2000s", p.Body)
	}
	return tok
}

func TestAPI(t *testing.T) {
	e := newEnv(t).withOffices()
	worker := apiClient{e, e.tokenFor(e.east.logins[store.RoleCaseworker])}
	code, me := worker.call("GET", "/api/v1/me", "", "")
	if code != 200 || me["role"] != "caseworker" {
		t.Fatalf("me: %d %v", code, me)
	}
	code, list := worker.call("GET", "/api/v1/families", "", "")
	if code != 200 || len(list["families"].([]any)) != 2 {
		t.Fatalf("families: %d %v", code, list)
	}
	if _, list = worker.call("POST", "/api/v1/families/search", "", `{"q": "okonkwo"}`); len(list["families"].([]any)) != 1 {
		t.Errorf("search: %v", list)
	}
	if code, _ := worker.call("POST", "/api/v1/families/search", "", `{}`); code != 400 {
		t.Errorf("empty search: %d", code)
	}

	// Create from a case file; a bad one names its fields.
	data, err := casefile.Encode(sampleFamily("Nguyen", "Lan"))
	if err != nil {
		t.Fatal(err)
	}
	code, created := worker.call("POST", "/api/v1/families", "", string(data))
	if code != 201 || created["version"].(float64) != 1 {
		t.Fatalf("create: %d %v", code, created)
	}
	id := created["id"].(string)
	code, bad := worker.call("POST", "/api/v1/families", "", `{"format": "reunite.case/v1", "principal": {"nmae": "x"}, "family": []}`)
	if code != 422 || !strings.Contains(toJSON(bad["fields"]), "nmae") {
		t.Errorf("bad case file: %d %v", code, bad)
	}

	// Update with the version it was made from; a stale one is refused.
	code, _ = worker.call("PUT", "/api/v1/families/"+id, "", string(data))
	if code != 428 {
		t.Errorf("PUT without If-Match: %d", code)
	}
	code, upd := worker.call("PUT", "/api/v1/families/"+id, "1", string(data))
	if code != 200 || upd["version"].(float64) != 2 {
		t.Errorf("update: %d %v", code, upd)
	}
	if code, _ = worker.call("PUT", "/api/v1/families/"+id, "1", string(data)); code != 409 {
		t.Errorf("stale update: %d", code)
	}
	code, as := worker.call("GET", "/api/v1/families/"+id+"/assessment?as_of=2026-03-02&lang=ar", "", "")
	if code != 200 || as["format"] != "reunite.assessment/v1" || as["as_of"] != "2026-03-02" {
		t.Errorf("assessment: %d %v", code, as)
	}
	if code, _ = worker.call("GET", "/api/v1/families/"+id+"/assessment?as_of=2026-13-01", "", ""); code != 400 {
		t.Errorf("bad as_of: %d", code)
	}

	// Another office's token sees nothing of east.
	west := apiClient{e, e.tokenFor(e.west.logins[store.RoleCaseworker])}
	for _, p := range []string{"/api/v1/families/" + id, "/api/v1/families/" + id + "/assessment"} {
		if code, _ := west.call("GET", p, "", ""); code != 404 {
			t.Errorf("west GET %s: %d", p, code)
		}
	}
	if code, _ := west.call("PUT", "/api/v1/families/"+id, "2", string(data)); code != 404 {
		t.Errorf("west PUT: %d", code)
	}

	// A client's token: her own family only, and no new families.
	tok := api.NewToken()
	if _, err := e.st.CreateAPIToken(t.Context(), e.east.client, "phone", api.TokenHash(tok), time.Hour); err != nil {
		t.Fatal(err)
	}
	client := apiClient{e, tok}
	if code, _ := client.call("GET", "/api/v1/families/"+e.east.family, "", ""); code != 200 {
		t.Errorf("client own family: %d", code)
	}
	if code, _ := client.call("GET", "/api/v1/families/"+e.east.other, "", ""); code != 404 {
		t.Errorf("client other family: %d", code)
	}
	if code, _ := client.call("POST", "/api/v1/families", "", string(data)); code != 403 {
		t.Errorf("client create: %d", code)
	}
	if _, l := client.call("GET", "/api/v1/families", "", ""); len(l["families"].([]any)) != 1 {
		t.Errorf("client list: %v", l)
	}

	// No token, a wrong one, a revoked one.
	if code, _ := (apiClient{e, ""}).call("GET", "/api/v1/me", "", ""); code != 401 {
		t.Errorf("no token: %d", code)
	}
	if code, _ := (apiClient{e, "reunite_nope"}).call("GET", "/api/v1/me", "", ""); code != 401 {
		t.Errorf("wrong token: %d", code)
	}
	toks, _ := e.st.APITokens(t.Context(), e.east.client)
	if err := e.st.RevokeAPIToken(t.Context(), e.east.client, toks[0].ID); err != nil {
		t.Fatal(err)
	}
	if code, _ := client.call("GET", "/api/v1/me", "", ""); code != 401 {
		t.Errorf("revoked token: %d", code)
	}
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }
