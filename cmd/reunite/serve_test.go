package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer the server goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// serveOnce starts `reunite serve` on a free loopback port, waits for the
// line matching want, returns its first group, and stops the server.
func serveOnce(t *testing.T, data string, want *regexp.Regexp) (string, string) {
	t.Helper()
	link, body, _ := serveWith(t, []string{"--data", data}, want)
	return link, body
}

// serveWith is serveOnce with more flags; it also returns what the server
// wrote to standard error.
func serveWith(t *testing.T, args []string, want *regexp.Regexp) (string, string, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	e := &env{Stdin: strings.NewReader(""), Stdout: out, Stderr: errOut, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	defer func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve exited with %d: %s", code, errOut.String())
		}
	}()
	for range 300 {
		if m := want.FindStringSubmatch(out.String()); m != nil {
			resp, err := http.Get(m[1])
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %s", m[1], resp.Status)
			}
			return m[1], string(body), errOut.String()
		}
		select {
		case code := <-done:
			t.Fatalf("serve stopped with %d: %s %s", code, out.String(), errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("no line matching %s in:\n%s\n%s", want, out.String(), errOut.String())
	return "", "", ""
}

func TestServeFirstStart(t *testing.T) {
	data := t.TempDir()
	// An empty database: a link to create the office.
	link, body := serveOnce(t, data, regexp.MustCompile(`(http://127\.0\.0\.1:\d+/setup/\S+)`))
	if !strings.Contains(body, `name="org"`) {
		t.Errorf("%s is not the set-up page", link)
	}
	// The command line made the local office: a link to choose its
	// administrator's password instead.
	e := &env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if code := run(context.Background(), e, []string{"export", "--out", t.TempDir(), "--data", data}); code != exitOK {
		t.Fatalf("export: %d", code)
	}
	_, body = serveOnce(t, data, regexp.MustCompile(`(http://127\.0\.0\.1:\d+/link/\S+)`))
	if !strings.Contains(body, "local") || !strings.Contains(body, `name="password"`) {
		t.Errorf("not the password page for local:\n%.1500s", body)
	}
}

// TestServeOfficeWarnsOfKeyBesideDatabase: an office server (behind a
// proxy) whose key sits beside its database says so at start; it records
// the audit head in the file given.
func TestServeOfficeWarnsOfKeyBesideDatabase(t *testing.T) {
	data := t.TempDir()
	heads := filepath.Join(t.TempDir(), "heads")
	setup := regexp.MustCompile(`(http://127\.0\.0\.1:\d+/setup/\S+)`)
	_, _, errs := serveWith(t, []string{"--data", data, "--behind-proxy", "--audit-head", heads}, setup)
	if !strings.Contains(errs, "WARNING: the master key") {
		t.Errorf("no warning about the key beside the database:\n%s", errs)
	}
	if b, err := os.ReadFile(heads); err != nil || strings.Count(string(b), "\n") != 1 {
		t.Errorf("audit heads written: %q %v", b, err)
	}
	// Apart, or on one computer (loopback, no proxy): no warning.
	key := filepath.Join(t.TempDir(), "master.key")
	os.Rename(filepath.Join(data, "master.key"), key)
	if _, _, errs := serveWith(t, []string{"--data", data, "--behind-proxy", "--key-file", key}, setup); strings.Contains(errs, "WARNING") {
		t.Errorf("a warning with the key apart:\n%s", errs)
	}
}
