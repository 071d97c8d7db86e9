package packet

import (
	"os"
	"os/exec"
	"testing"

	"github.com/reunite/reunite/forms"
)

// TestHeadlessShellPrintsAsChromium: packets printed by Debian's
// chromium-headless-shell, which forms.ChromiumPath prefers for its faster
// start, are the packets the desktop chromium prints: the same files,
// pages, text and pixels, for the families of TestOnePrintAsBefore (Ethiopic
// names drawn on the forms, an Arabic family with uploads and a
// right-to-left sheet, a Dari sheet, Burmese, Chinese and Cyrillic names).
func TestHeadlessShellPrintsAsChromium(t *testing.T) {
	shell, full := browserAt(t, "chromium-headless-shell"), browserAt(t, "chromium")
	ways := [2]way{
		{"chromium", func(o *Options) { o.Printer = full }},
		{"chromium-headless-shell", func(o *Options) { o.Printer = shell }},
	}
	t.Run("family-of-six", func(t *testing.T) { comparePackets(t, "testdata/family-of-six.json", nil, ways[0], ways[1]) })
	t.Run("arabic-uploads", func(t *testing.T) {
		comparePackets(t, "../forms/testdata/asylee-spouse-arabic.json", testUploads, ways[0], ways[1])
	})
	t.Run("dari", func(t *testing.T) {
		comparePackets(t, "../forms/testdata/refugee-child-in-us-late.json", nil, ways[0], ways[1])
	})
	t.Run("scripts", func(t *testing.T) {
		comparePackets(t, "../forms/testdata/scripts-burmese-chinese-cyrillic.json", nil, ways[0], ways[1])
	})
}

// browserAt starts the browser installed as name, for the rest of the
// test; it skips the test when it is not installed, except under CI=true,
// where scripts/setup installs both.
func browserAt(t *testing.T, name string) *forms.Chromium {
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed, and CI=true requires it (scripts/setup installs it)", name)
		}
		t.Skipf("!! %s NOT INSTALLED: the comparison of the two browsers is skipped", name)
	}
	c := forms.StartChromiumAt(path)
	t.Cleanup(c.Close)
	if err := c.Wait(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}
