package forms

import (
	"os"
	"os/exec"
	"sync"
	"testing"
)

// The blank form lives beside the project, never in it (USCIS owns it).
const blankPath = "../../shared/forms/i-730.pdf"

// needFile returns the contents of a shared file, skipping the test loudly
// when it is absent, except under CI=true where a skip would hide a broken
// set-up.
func needFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI: %v", path, err)
		}
		t.Skipf("SKIPPED LOUDLY: %s is absent (%v); these tests need the shared USCIS form", path, err)
	}
	return data
}

// needTool skips (fails under CI) when a binary the test drives is missing.
func needTool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI (Debian package %s)", name, pkg)
		}
		t.Skipf("SKIPPED LOUDLY: %s not installed (Debian package %s)", name, pkg)
	}
	return p
}

var (
	chromeOnce sync.Once
	chrome     *Chromium
	chromeErr  error
)

// sharedChromium starts one browser per test process.
func sharedChromium(t testing.TB) *Chromium {
	t.Helper()
	chromeOnce.Do(func() { chrome, chromeErr = NewChromium() })
	if chromeErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required under CI: %v", chromeErr)
		}
		t.Skipf("SKIPPED LOUDLY: %v", chromeErr)
	}
	return chrome
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome != nil {
		chrome.Close()
	}
	os.Exit(code)
}
