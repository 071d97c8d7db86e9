// Package browser starts a headless Debian Chromium for the web
// application's end-to-end tests, through chromedp, and checks pages with
// axe-core (vendored in axe/, see axe/VERSION). When Chromium is missing
// the tests are skipped loudly, except under CI=true, where they fail: a CI
// machine without the browser would otherwise pass without testing
// anything.
package browser

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

//go:embed axe/axe.min.js
var axeSource string

// New starts a browser with a window of width×height CSS pixels and
// returns a context to run actions in; the browser stops at the end of the
// test.
func New(t testing.TB, width, height int64) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed (apt-get install chromium fonts-noto-core), and CI=true requires the browser tests")
		}
		t.Skip("!! CHROMIUM NOT INSTALLED: browser tests skipped (apt-get install chromium fonts-noto-core)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(width), int(height)),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

func chromiumPath() string {
	for _, n := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// Step runs actions with a deadline, so that a page that never comes
// fails the test instead of hanging it.
func Step(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// ClickAndWait clicks an element that submits a form or follows a link and
// waits until the next page has loaded.
func ClickAndWait(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))(ctx, t)
		return err
	})
}

// Violation is one accessibility rule axe-core found broken on a page.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
		HTML   string   `json:"html"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var where []string
	for _, n := range v.Nodes {
		where = append(where, strings.Join(n.Target, " ")+" "+n.HTML)
	}
	return fmt.Sprintf("%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, strings.Join(where, "\n    "))
}

// Axe runs axe-core's WCAG 2.1 A and AA rules on the current page and
// fails the test for every violation. The script is evaluated through the
// DevTools protocol, which the page's Content Security Policy (no scripts)
// does not govern.
func Axe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	vs, err := Violations(ctx)
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	for _, v := range vs {
		t.Errorf("%s: accessibility: %s", page, v)
	}
}

// Violations runs axe-core on the current page and returns what it found.
func Violations(ctx context.Context) ([]Violation, error) {
	c, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Evaluate[bool](axeSource+";true")); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	raw, err := chromedp.Run(c, chromedp.Evaluate[[]byte](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal(raw, &vs); err != nil {
		return nil, fmt.Errorf("axe-core result: %w", err)
	}
	return vs, nil
}

// ScreenshotDir is where screenshots go: $REUNITE_SCREENSHOTS, else
// web/testdata/screenshots beside the tests (git-ignored).
func ScreenshotDir(t testing.TB) string {
	dir := os.Getenv("REUNITE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Screenshot writes the whole page as name.png.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(ScreenshotDir(t), name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
