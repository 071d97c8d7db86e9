package packet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/policy"
)

// ManifestFormat names the manifest's format.
const ManifestFormat = "reunite.packet/v1"

// Errors a caller can test for.
var (
	ErrCannotFile = errors.New("the petitioner cannot file Form I-730")
	ErrIneligible = errors.New("no packet is built for an ineligible relative")
	ErrNothing    = errors.New("no relative can be petitioned for")
	ErrOutExists  = errors.New("the output directory exists and is not empty")
)

// Options controls a build.
type Options struct {
	Blank   []byte   // the checked blank Form I-730
	Printer Renderer // prints documents and draws native scripts (forms.Chromium)
	DataDir string   // for filing-addresses.json; "" uses the built-in one
	Only    string   // build only this member's petition
	// Notices are the policy notices that reach the family on the
	// assessment day (policy.Book.Match in English); nil prints none.
	Notices *policy.Result
	Now     time.Time // the build time written in the manifest
	// Uploads are the family's uploaded documents: each goes behind its
	// exhibit's tab in the merged PDF, with its translations and their
	// certifications right behind it.
	Uploads []Upload
	// PrintEach prints every document with its own Chromium print, as
	// packets were printed before one print served them all; kept to
	// compare the two (benchmarks, tests).
	PrintEach bool
}

// Manifest is manifest.json: what the packet holds, with a SHA-256 for
// every file so a copy can be verified later.
type Manifest struct {
	Format     string          `json:"format"`
	Created    string          `json:"created"`
	AsOf       reunite.Date    `json:"as_of"`
	FilingDate reunite.Date    `json:"filing_date"`
	FileBy     *reunite.Date   `json:"file_by"`
	Late       bool            `json:"late"`
	Edition    string          `json:"form_edition"`
	BlankSHA   string          `json:"blank_form_sha256"`
	Addresses  string          `json:"filing_addresses_from"`
	Relatives  []RelativeEntry `json:"relatives"`
	Warnings   []string        `json:"warnings"`
	Files      []FileEntry     `json:"files"`
}

// RelativeEntry is one relative in the manifest.
type RelativeEntry struct {
	Member   string  `json:"member"`
	Name     string  `json:"name"`
	Verdict  string  `json:"verdict"`
	Sequence *string `json:"sequence"`
	Folder   string  `json:"folder,omitzero"`
	Reason   string  `json:"reason,omitzero"` // why no petition was built
}

// FileEntry is one file of the packet.
type FileEntry struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// Build writes the packet into out. It refuses when the petitioner cannot
// file, when Only names an ineligible relative, or when no relative
// qualifies; a relative under review is built with loud warnings. Nothing
// is left behind on error.
func Build(ctx context.Context, fam *reunite.Family, a *law.Assessment, out string, opt Options) (*Manifest, error) {
	chosen, err := choose(fam, a, out, opt.Only)
	if err != nil {
		return nil, err
	}
	if opt.Printer == nil {
		return nil, forms.ErrNoChromium
	}
	// The blank's own edition, identified once: its field map names the
	// values, and the cover letter and manifest name it.
	blank, err := forms.Check(opt.Blank)
	if err != nil {
		return nil, fmt.Errorf("the blank form: %w", err)
	}
	addrs, addrFrom, err := LoadAddresses(opt.DataDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(out)), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()

	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	b := &builder{ctx: ctx, fam: fam, a: a, opt: opt, dir: tmp, addrs: addrs, now: now, edition: blank.Edition}
	m := &Manifest{Format: ManifestFormat, Created: now.UTC().Format(time.RFC3339), AsOf: a.AsOf,
		FilingDate: a.FilingDate, FileBy: a.Deadline.FileBy, Late: b.late(), Edition: blank.Edition.Date,
		BlankSHA: blank.SHA256, Addresses: addrFrom, Warnings: []string{}, Files: []FileEntry{}}
	// Relatives are independent: fill them and plan their documents in
	// parallel (the printer serialises its own work), then report in file
	// order. Every document is printed afterwards, at once (carryOut).
	type done struct {
		rel   RelativeEntry
		warns []string
		part6 bool
		err   error
	}
	results := make([]done, len(chosen))
	plans := make([]*plan, len(chosen)+1)
	sem := make(chan struct{}, max(runtime.NumCPU(), 1))
	// The forms' native-script overlays are drawn in one print too, unless
	// every document is printed on its own.
	var native forms.NativeRenderer = opt.Printer
	var batch *overlayBatch
	if op, ok := opt.Printer.(overlayPrinter); ok && !opt.PrintEach {
		batch = newOverlayBatch(op, sem, len(chosen))
		native = batch
	}
	var wg sync.WaitGroup
	for n, i := range chosen {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			filled := sync.OnceFunc(func() {
				if batch != nil {
					batch.filled()
				}
			})
			defer filled()
			r := &results[n]
			plans[n] = &plan{}
			r.rel, r.warns, r.part6, r.err = b.relative(i, plans[n], native, filled)
		}()
	}
	wg.Wait()
	for n, r := range results {
		if r.err != nil {
			return nil, fmt.Errorf("%s: %w", a.Petitions[chosen[n]].Member, r.err)
		}
		m.Relatives = append(m.Relatives, r.rel)
		m.Warnings = append(m.Warnings, r.warns...)
		if r.part6 {
			s := signer{Name: r.rel.Name}
			if mem := b.fam.Member(a.Petitions[chosen[n]].Member); mem != nil {
				s.Sex = string(mem.Sex)
			}
			b.inUS14 = append(b.inUS14, s)
		}
	}
	for i, p := range a.Petitions {
		if !contains(chosenIDs(a, chosen), p.Member) {
			reason := "not requested"
			if p.Verdict == law.Ineligible {
				reason = messages(p.Findings, law.Fail)
			}
			m.Relatives = append(m.Relatives, RelativeEntry{Member: p.Member, Name: fam.Members[i].Name.Full(),
				Verdict: string(p.Verdict), Sequence: p.Sequence, Reason: reason})
		}
	}
	plans[len(chosen)] = &plan{}
	if err := b.family(m, plans[len(chosen)]); err != nil {
		return nil, err
	}
	if err := b.carryOut(plans); err != nil {
		return nil, err
	}
	if err := b.manifest(m); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(out); err != nil { // only an empty directory gets here
		return nil, err
	}
	if err := os.Rename(tmp, out); err != nil {
		return nil, err
	}
	ok = true
	return m, nil
}

// Check returns the error Build would refuse with before it writes
// anything (the petitioner cannot file, only names an ineligible or unknown
// relative, no relative qualifies, out is not empty), so that a caller can
// refuse before starting the printer.
func Check(fam *reunite.Family, a *law.Assessment, out, only string) error {
	_, err := choose(fam, a, out, only)
	return err
}

// choose returns the indexes of the petitions to build, or the refusal.
func choose(fam *reunite.Family, a *law.Assessment, out, only string) ([]int, error) {
	if !a.Petitioner.CanFile {
		return nil, fmt.Errorf("%w: %s", ErrCannotFile, messages(a.Petitioner.Findings, law.Fail))
	}
	var chosen []int
	for i, p := range a.Petitions {
		if only != "" && p.Member != only {
			continue
		}
		if p.Verdict == law.Ineligible {
			if only != "" {
				return nil, fmt.Errorf("%w: %s: %s", ErrIneligible, p.Member, messages(p.Findings, law.Fail))
			}
			continue
		}
		chosen = append(chosen, i)
	}
	if only != "" && fam.Member(only) == nil {
		return nil, fmt.Errorf("no family member with id %q", only)
	}
	if len(chosen) == 0 {
		return nil, ErrNothing
	}
	if err := checkOut(out); err != nil {
		return nil, err
	}
	return chosen, nil
}

func chosenIDs(a *law.Assessment, chosen []int) []string {
	var ids []string
	for _, i := range chosen {
		ids = append(ids, a.Petitions[i].Member)
	}
	return ids
}

// checkOut refuses to write over anything: the destination must be absent
// or an empty directory.
func checkOut(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%w: %s", ErrOutExists, out)
	}
	return nil
}

// messages joins the findings with the given outcome.
func messages(fs []law.Finding, outcome law.Outcome) string {
	var s []string
	for _, f := range fs {
		if f.Outcome == outcome {
			s = append(s, f.Message())
		}
	}
	return strings.Join(s, " ")
}

// builder holds what every document of one build shares.
type builder struct {
	ctx   context.Context
	fam   *reunite.Family
	a     *law.Assessment
	opt   Options
	dir   string
	addrs *FilingAddresses
	now   time.Time
	// edition is the blank form's.
	edition *forms.Edition
	// inUS14 names the relatives who sign Part 6, in the case file's order
	// (collected after the parallel build, so the sheet is the same every
	// time).
	inUS14 []signer
	mu     sync.Mutex // guards the fields below, shared by relatives built in parallel
	files  []string
}

func (b *builder) late() bool { return b.a.Deadline.Late != nil && *b.a.Deadline.Late }

// write saves a file of the packet and remembers it for the manifest. The
// files hold a family's names, addresses and A-Numbers: only their owner
// may read them (0600 in 0700 folders, like the temporary directory).
func (b *builder) write(rel string, data []byte) error {
	p := filepath.Join(b.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return err
	}
	b.mu.Lock()
	b.files = append(b.files, rel)
	b.mu.Unlock()
	return nil
}

func (b *builder) manifest(m *Manifest) error {
	sort.Strings(b.files)
	for _, rel := range b.files {
		data, err := os.ReadFile(filepath.Join(b.dir, rel))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		m.Files = append(m.Files, FileEntry{Path: filepath.ToSlash(rel), SHA256: hex.EncodeToString(sum[:]), Bytes: len(data)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(b.dir, "manifest.json"), buf.Bytes(), 0o600)
}
