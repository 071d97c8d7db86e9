package packet

import (
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
)

const blankPath = "../../shared/forms/i-730.pdf"

var asOf = reunite.NewDate(2026, 11, 23)

// need skips loudly when a shared file or tool is missing, and fails under
// CI=true where a skip would hide a broken set-up.
func need(t testing.TB, err error, what string) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI: %v", what, err)
	}
	t.Skipf("SKIPPED LOUDLY: %s unavailable: %v", what, err)
}

func blank(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(blankPath)
	need(t, err, "the shared blank I-730")
	return b
}

var (
	chromeOnce sync.Once
	chrome     *forms.Chromium
	chromeErr  error
)

func printer(t testing.TB) *forms.Chromium {
	t.Helper()
	chromeOnce.Do(func() { chrome, chromeErr = forms.NewChromium() })
	need(t, chromeErr, "chromium")
	return chrome
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome != nil {
		chrome.Close()
	}
	os.Exit(code)
}

func load(t testing.TB, path string) (*reunite.Family, *law.Assessment) {
	t.Helper()
	data, err := os.ReadFile(path)
	need(t, err, path)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "expect")
	delete(raw, "why")
	data, _ = json.Marshal(raw)
	f, err := casefile.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return f, law.Assess(f, asOf)
}
