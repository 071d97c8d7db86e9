package web

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The API tests call the API through the document: every request is
// matched to an operation of web/openapi.yaml and checked against it
// (path, parameters, body), and every answer against that operation's
// responses (status and JSON schema). A route the document lacks, a
// status it does not list or a field of the wrong type fails the test, so
// that the document and the routes cannot drift apart.

var apiDoc struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

func openAPIRouter(t testing.TB) (*openapi3.T, routers.Router) {
	apiDoc.once.Do(func() {
		apiDoc.doc, apiDoc.err = openapi3.NewLoader().LoadFromFile("openapi.yaml")
		if apiDoc.err == nil {
			apiDoc.router, apiDoc.err = legacy.NewRouter(apiDoc.doc)
		}
	})
	if apiDoc.err != nil {
		t.Fatalf("openapi.yaml: %v", apiDoc.err)
	}
	return apiDoc.doc, apiDoc.router
}

// checkAgainstDoc validates one exchange against the document and returns
// the operation it was ("GET /api/v1/families/{id}").
func checkAgainstDoc(t testing.TB, method, path string, header http.Header, body []byte, status int, respHeader http.Header, respBody []byte) string {
	t.Helper()
	_, router := openAPIRouter(t)
	req, _ := http.NewRequest(method, path, bytes.NewReader(body))
	req.Header = header.Clone()
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s is not in openapi.yaml: %v", method, path, err)
		return ""
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	// Requests the API must refuse (a bad case file, no token) are sent on
	// purpose: only answers of 2xx need a request the document allows.
	if err := openapi3filter.ValidateRequest(t.Context(), in); err != nil && status < 300 {
		t.Errorf("%s %s: the request does not match openapi.yaml but was answered %d: %v", method, path, status, err)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: respHeader,
		Body: io.NopCloser(bytes.NewReader(respBody))}
	if err := openapi3filter.ValidateResponse(t.Context(), out); err != nil {
		t.Errorf("%s %s: the answer %d does not match openapi.yaml: %v", method, path, status, err)
	}
	return method + " " + route.Path
}

// calledOps are the operations of openapi.yaml the API tests called.
var calledOps sync.Map

// TestAPIEveryOperationCalled runs the API tests and checks that together
// they called every operation of the document, each checked against it.
func TestAPIEveryOperationCalled(t *testing.T) {
	t.Run("api", TestAPI)
	t.Run("petitions", TestAPIPetitions)
	t.Run("partners", TestAPIPartners)
	t.Run("documents", TestAPIDocuments)
	for _, op := range documentedOperations(t) {
		if _, ok := calledOps.Load(op); !ok {
			t.Errorf("%s is documented but no API test calls it", op)
		}
	}
}

// documentedOperations lists every operation of the document, for the
// API test to check that it called each one.
func documentedOperations(t testing.TB) []string {
	doc, _ := openAPIRouter(t)
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, strings.ToUpper(method)+" "+path)
		}
	}
	return ops
}
