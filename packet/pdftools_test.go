package packet

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

func tool(t *testing.T, name string) string {
	t.Helper()
	return pdftest.Tool(t, name, "poppler-utils")
}

func tmpPDF(t *testing.T, pdf []byte) string {
	p := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func pdfText(t *testing.T, pdf []byte) string {
	out, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", tmpPDF(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pdfTextPage(t *testing.T, pdf []byte, page int) string {
	p := strconv.Itoa(page)
	out, err := exec.Command(tool(t, "pdftotext"), "-f", p, "-l", p, "-enc", "UTF-8", tmpPDF(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pages(t *testing.T, pdf []byte) int {
	out, err := exec.Command(tool(t, "pdfinfo"), tmpPDF(t, pdf)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if strings.Contains(string(out), "Error") {
		t.Fatalf("pdfinfo reports a damaged file: %s", out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 0
}
