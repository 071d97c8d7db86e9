package web

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOpenAPIValid lints web/openapi.yaml with a real OpenAPI validator
// (kin-openapi): the document must load and validate as OpenAPI 3.1.
func TestOpenAPIValid(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("openapi.yaml")
	if err != nil {
		t.Fatalf("openapi.yaml does not load: %v", err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Errorf("openapi.yaml is not valid OpenAPI: %v", err)
	}
	fs := doc.Components.Schemas["FamilySummary"].Value
	if _, ok := fs.Properties["null when unknown."]; ok {
		t.Error("FamilySummary has a property made of a description")
	}
}
