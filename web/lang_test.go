package web

import "testing"

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/families/f1":      "/families/f1",
		"/":                 "/",
		"":                  "/",
		"https://evil.test": "/",
		"//evil.test":       "/",
		"/\\evil.test":      "/",
		"/\t/evil.test":     "/",
		"/\n/evil.test":     "/",
		"/\r/evil.test":     "/",
		"/\x7f/evil.test":   "/",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
