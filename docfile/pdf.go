package docfile

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// A PDF is opened by poppler's tools (poppler-utils) in a child process,
// never in the server: a file built to exhaust a reader (a page tree of a
// million pages, a stream that inflates to gigabytes, a reference loop)
// then costs at most toolMemory and toolTime, and the child is killed.
const (
	toolTime   = 20 * time.Second
	toolMemory = 1 << 30 // address space of the child, in bytes
)

// pdfFile checks a PDF: its compressed streams inflate within bounds
// (counted, never kept), poppler reads it within its time and memory, it
// is not encrypted, and it has at most lim.MaxPages pages. It returns the
// number of pages and a preview of the first one, nil when poppler is not
// installed (the file is then stored without a preview, and says so).
func pdfFile(ctx context.Context, name string, data []byte, lim Limits) (pages int, thumb []byte, err error) {
	if e := inflateBound(name, data, lim); e != nil {
		return 0, nil, e
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return 0, nil, fmt.Errorf("%w: pdfinfo (Debian package poppler-utils) is needed to check PDF files", ErrNoPoppler)
	}
	info, err := runTool(ctx, data, "pdfinfo", "-")
	if err != nil {
		return 0, nil, refuse(name, CodeDamaged, "the PDF file cannot be read (%s)", toolProblem(err))
	}
	fields := pdfinfoFields(info)
	if fields["Encrypted"] != "" && !strings.HasPrefix(fields["Encrypted"], "no") {
		return 0, nil, refuse(name, CodeEncrypted, "the PDF file is protected by a password or encryption: USCIS cannot accept it; print it to a new PDF or scan the paper")
	}
	pages, err = strconv.Atoi(fields["Pages"])
	if err != nil || pages < 1 {
		return 0, nil, refuse(name, CodeDamaged, "the PDF file has no pages")
	}
	if pages > lim.MaxPages {
		return 0, nil, refuse(name, CodePages, "the PDF file has %d pages; a document may have at most %d", pages, lim.MaxPages)
	}
	thumb, err = runTool(ctx, data, "pdftoppm", "-f", "1", "-l", "1", "-scale-to", strconv.Itoa(thumbSide), "-jpeg", "-singlefile", "-")
	if err != nil || !bytes.HasPrefix(thumb, []byte{0xFF, 0xD8}) {
		return 0, nil, refuse(name, CodeDamaged, "the first page of the PDF file cannot be drawn (%s)", toolProblem(err))
	}
	return pages, thumb, nil
}

// ErrNoPoppler is returned when poppler-utils is not installed.
var ErrNoPoppler = errors.New("poppler-utils is not installed")

// errToolLimit is a child process killed by its time or memory limit.
var errToolLimit = errors.New("it took too long or too much memory to open")

func toolProblem(err error) string {
	if err == nil {
		return "no picture came out"
	}
	if errors.Is(err, errToolLimit) {
		return errToolLimit.Error()
	}
	return "poppler: " + err.Error()
}

// runTool runs a poppler tool on the file given on standard input (so the
// file never lies in clear on the disk) under a time limit and, with
// util-linux's prlimit, a memory limit, and returns its standard output.
func runTool(ctx context.Context, data []byte, tool string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, toolTime)
	defer cancel()
	var cmd *exec.Cmd
	if pl, err := exec.LookPath("prlimit"); err == nil {
		cmd = exec.CommandContext(ctx, pl, append([]string{"--as=" + strconv.Itoa(toolMemory), "--cpu=" + strconv.Itoa(int(toolTime/time.Second)), "--", tool}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, tool, args...)
	}
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &limitedWriter{w: &out, n: 16 << 20}, &limitedWriter{w: &stderr, n: 4 << 10}
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, errToolLimit
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && !ee.Exited() { // killed by a signal: a limit
			return nil, errToolLimit
		}
		msg := strings.TrimSpace(firstLine(stderr.String()))
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return out.Bytes(), nil
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Error") {
			return l
		}
	}
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// limitedWriter keeps at most n bytes and drops the rest, so that a tool's
// output cannot grow without bound.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	k := min(len(p), l.n)
	if k > 0 {
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}

// pdfinfoFields reads pdfinfo's "Key: value" lines.
func pdfinfoFields(out []byte) map[string]string {
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// inflateBound inflates, without keeping anything, every zlib stream of a
// PDF (the Flate streams: pages, fonts, images, object streams) and refuses
// the file when one stream inflates past lim.MaxStream or all together past
// lim.MaxInflated: a few kilobytes of zeros can inflate to gigabytes, and a
// reader that trusts the file runs out of memory. Streams are found by
// their keyword; a stream that is not zlib (a JPEG image) is skipped.
func inflateBound(name string, data []byte, lim Limits) *Error {
	var total int64
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("stream"))
		if k < 0 {
			return nil
		}
		start := i + k + len("stream")
		i = start
		switch {
		case bytes.HasPrefix(data[start:], []byte("\r\n")):
			start += 2
		case bytes.HasPrefix(data[start:], []byte("\n")), bytes.HasPrefix(data[start:], []byte("\r")):
			start++
		default:
			continue // "endstream", or the word inside some text
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[start:]))
		if err != nil {
			continue
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, lim.MaxStream+1))
		zr.Close()
		total += n
		if n > lim.MaxStream || total > lim.MaxInflated {
			return refuse(name, CodeBomb, "the PDF file holds compressed data that would expand to more than %d MB: it looks built to exhaust the server, and is refused", max(n, total)>>20)
		}
	}
}
