package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary builds cmd/reunite once per test process, so that tests run
// the same binary a person would.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "reunite-bin")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "reunite")
		out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = &buildError{err, string(out)}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// repoRoot is the directory that holds go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// sharedDir finds a folder of ../shared beside the repository (or
// $REUNITE_SHARED). Without it the test is skipped loudly, except in CI,
// where shared/ is always laid beside the clone and its absence is a failure.
func sharedDir(t *testing.T, sub string) string {
	t.Helper()
	base := os.Getenv("REUNITE_SHARED")
	if base == "" {
		base = filepath.Join(repoRoot(t), "..", "shared")
	}
	dir := filepath.Join(base, sub)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing in CI: %v", dir, err)
		}
		t.Skipf("SKIPPED: %s not found (set REUNITE_SHARED to the shared folder)", dir)
	}
	return dir
}
