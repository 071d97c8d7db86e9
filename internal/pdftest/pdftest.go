// Package pdftest holds what the tests of forms and packet share: the
// shared blank Form I-730 and case files, and the command-line tools the
// tests drive. Anything missing skips the test loudly, except under
// CI=true, where a skip would hide a broken set-up and fails the test
// instead.
package pdftest

import (
	"encoding/json"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// BlankPath is the shared blank form, as seen from a package directory of
// the module (forms, packet). The form lives beside the project, never in
// it: USCIS owns it.
const BlankPath = "../../shared/forms/i-730.pdf"

// AsOf is the fixed day the tests assess families on.
var AsOf = reunite.NewDate(2026, 11, 23)

// Need skips the test loudly when err says that what is unavailable, and
// fails it under CI=true.
func Need(t testing.TB, err error, what string) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI: %v", what, err)
	}
	t.Skipf("SKIPPED LOUDLY: %s unavailable: %v", what, err)
}

// ReadFile returns the contents of a shared file (see Need).
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	Need(t, err, path)
	return data
}

// Tool returns the path of a binary the test drives, from the Debian
// package pkg (see Need).
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	Need(t, err, name+" (Debian package "+pkg+")")
	return p
}

// LoadCase reads a case file (from testdata or the shared spec examples)
// through the strict reader, which also proves the optional form facts are
// part of the format. The spec's examples carry "expect" and "why" keys
// that are not part of the format; they are removed first.
func LoadCase(t testing.TB, path string) *reunite.Family {
	t.Helper()
	data := ReadFile(t, path)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	delete(raw, "expect")
	delete(raw, "why")
	data, _ = json.Marshal(raw)
	f, err := casefile.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

// Shared is a resource slow to start (a browser) that every test of a
// process shares: started by the first test that asks for it, closed by
// Main when the tests are done.
type Shared[T interface{ Close() }] struct {
	what  string
	start func() (T, error)

	once    sync.Once
	v       T
	err     error
	started bool
}

// NewShared returns a resource that start starts on first use; what names
// it in a skip or failure.
func NewShared[T interface{ Close() }](what string, start func() (T, error)) *Shared[T] {
	return &Shared[T]{what: what, start: start}
}

// Get returns the resource, starting it the first time (see Need when it
// cannot start).
func (s *Shared[T]) Get(t testing.TB) T {
	t.Helper()
	s.once.Do(func() {
		s.v, s.err = s.start()
		s.started = s.err == nil
	})
	Need(t, s.err, s.what)
	return s.v
}

// Main runs the tests, closes the resource if a test started it, and exits;
// call it from TestMain.
func Main(m *testing.M, shared ...interface{ close() }) {
	code := m.Run()
	for _, s := range shared {
		s.close()
	}
	os.Exit(code)
}

func (s *Shared[T]) close() {
	if s.started {
		s.v.Close()
	}
}

// Text returns the text of a PDF as pdftotext (poppler-utils) reads it.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	bin := Tool(t, "pdftotext", "poppler-utils")
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(pdf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(bin, "-enc", "UTF-8", f.Name(), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
