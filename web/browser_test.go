package web

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"testing"

	"github.com/reunite/reunite/forms"
)

// TestChromiumStartIsRetried: a start that fails (here no Chromium on PATH)
// fails that print only; the next print starts Chromium again. A start
// that failed in the background (Warm) is tried again by the first print
// itself, which no failure has reached yet.
func TestChromiumStartIsRetried(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required under CI: %v", err)
		}
		t.Skipf("!! SKIPPED: needs chromium: %v", err)
	}
	path := os.Getenv("PATH")
	ctx := context.Background()
	const html = "<p>printed</p>"

	b := NewBrowser()
	defer b.Close()
	t.Setenv("PATH", "")
	if _, err := b.PrintHTML(ctx, html, 8.5, 11); !errors.Is(err, forms.ErrNoChromium) {
		t.Fatalf("print without Chromium: %v, want ErrNoChromium", err)
	}
	t.Setenv("PATH", path)
	if pdf, err := b.PrintHTML(ctx, html, 8.5, 11); err != nil || len(pdf) == 0 {
		t.Fatalf("the next print did not start Chromium again: %v", err)
	}

	w := NewBrowser()
	defer w.Close()
	t.Setenv("PATH", "")
	w.Warm() // fails in the background
	t.Setenv("PATH", path)
	if pdf, err := w.PrintHTML(ctx, html, 8.5, 11); err != nil || len(pdf) == 0 {
		t.Fatalf("the first print after a failed warm start: %v", err)
	}
}

// TestPacketBuildRetriesChromium: the packet builder's failed start is
// tried again at the next build.
func TestPacketBuildRetriesChromium(t *testing.T) {
	e := packetEnv(t).withOffices()
	path := os.Getenv("PATH")
	t.Setenv("PATH", "")
	b := e.browser().login(e.east.logins["caseworker"])
	if p := b.get("/families/" + e.east.family + "/packet.zip"); p.StatusCode == http.StatusOK {
		t.Fatalf("a packet was built without Chromium")
	}
	t.Setenv("PATH", path)
	wantStatus(t, b.get("/families/"+e.east.family+"/packet.zip"), http.StatusOK)
}
