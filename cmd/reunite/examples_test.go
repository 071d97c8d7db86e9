package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// The contract's worked examples (../shared/spec/examples) and the
// project's own (testdata/cases) are run through the built binary exactly
// as the contract describes: strip expect and why, run
// `reunite check FILE --as-of <expect.as_of> --json`, compare.

type expectation struct {
	AsOf            string             `json:"as_of"`
	CanFile         *bool              `json:"can_file"`
	PetitionerCodes []string           `json:"petitioner_codes"`
	Members         map[string]wantFor `json:"members"`
	// Ours: policy notices (ids) the petitioner must, and must not, get.
	PetitionerNotices       []string `json:"petitioner_notices"`
	AbsentPetitionerNotices []string `json:"absent_petitioner_notices"`
	Tags                    []string `json:"tags"`
}

type wantFor struct {
	Verdict  string   `json:"verdict"`
	Codes    []string `json:"codes"`
	Absent   []string `json:"absent_codes"` // ours: codes that must not appear
	Sequence *string  `json:"sequence"`
	// Ours: policy notices (ids) that must be shown as current, must not
	// be shown, and must be shown as past.
	Notices       []string `json:"notices"`
	AbsentNotices []string `json:"absent_notices"`
	PastNotices   []string `json:"past_notices"`
}

// gotNotice is a notice as reunite check --json shows it (docs/assessment.md).
type gotNotice struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	Effective  string  `json:"effective"`
	Current    *bool   `json:"current"`
	Ended      *string `json:"ended"`
	Confidence string  `json:"confidence"`
	Sources    []struct {
		Title     string  `json:"title"`
		Publisher string  `json:"publisher"`
		Date      *string `json:"date"`
		Link      string  `json:"link"`
	} `json:"sources"`
}

type gotAssessment struct {
	Petitioner struct {
		CanFile  bool `json:"can_file"`
		Findings []struct {
			Code string `json:"code"`
		} `json:"findings"`
		Notices []gotNotice `json:"notices"`
	} `json:"petitioner"`
	Deadline struct {
		FileBy json.RawMessage `json:"file_by"`
		Late   json.RawMessage `json:"late"`
	} `json:"deadline"`
	Petitions []struct {
		Member   string  `json:"member"`
		Verdict  string  `json:"verdict"`
		Sequence *string `json:"sequence"`
		Findings []struct {
			Code string `json:"code"`
		} `json:"findings"`
		Notices []gotNotice `json:"notices"`
	} `json:"petitions"`
}

func TestContractExamples(t *testing.T) {
	dir := sharedDir(t, "spec/examples")
	runExampleDir(t, dir)
}

func TestOwnCases(t *testing.T) {
	runExampleDir(t, filepath.Join(repoRoot(t), "testdata", "cases"))
}

func runExampleDir(t *testing.T, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no examples in %s", dir)
	}
	bin := buildBinary(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			checkExample(t, bin, file)
		})
	}
}

func checkExample(t *testing.T, bin, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var exp expectation
	expectRaw := doc["expect"]
	if err := json.Unmarshal(expectRaw, &exp); err != nil || exp.AsOf == "" {
		t.Fatalf("expect: %v (as_of %q)", err, exp.AsOf)
	}
	delete(doc, "expect")
	delete(doc, "why")
	stripped, _ := json.Marshal(doc)
	caseFile := filepath.Join(t.TempDir(), "case.json")
	if err := os.WriteFile(caseFile, stripped, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "check", caseFile, "--as-of", exp.AsOf, "--json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reunite check: %v\n%s", err, stderr.String())
	}
	var got gotAssessment
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if exp.CanFile != nil && got.Petitioner.CanFile != *exp.CanFile {
		t.Errorf("can_file = %v, want %v", got.Petitioner.CanFile, *exp.CanFile)
	}
	// file_by and late are compared whenever the expectation has them,
	// null included (a null in a pointer field would read as "absent").
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(expectRaw, &keys)
	if want, ok := keys["file_by"]; ok && !jsonEqual(got.Deadline.FileBy, want) {
		t.Errorf("file_by = %s, want %s", got.Deadline.FileBy, want)
	}
	if want, ok := keys["late"]; ok && !jsonEqual(got.Deadline.Late, want) {
		t.Errorf("late = %s, want %s", got.Deadline.Late, want)
	}
	var pcodes []string
	for _, f := range got.Petitioner.Findings {
		pcodes = append(pcodes, f.Code)
	}
	for _, c := range exp.PetitionerCodes {
		if !slices.Contains(pcodes, c) {
			t.Errorf("petitioner codes %v lack %s", pcodes, c)
		}
	}
	checkNotices(t, "petitioner", got.Petitioner.Notices, exp.PetitionerNotices, exp.AbsentPetitionerNotices, nil)
	if len(got.Petitions) != len(exp.Members) {
		t.Errorf("%d petitions, want %d", len(got.Petitions), len(exp.Members))
	}
	for _, p := range got.Petitions {
		w, ok := exp.Members[p.Member]
		if !ok {
			t.Errorf("petition for unexpected member %q", p.Member)
			continue
		}
		var codes []string
		for _, f := range p.Findings {
			codes = append(codes, f.Code)
		}
		if p.Verdict != w.Verdict {
			t.Errorf("%s: verdict %s, want %s (codes %v)", p.Member, p.Verdict, w.Verdict, codes)
		}
		if !equalPtr(p.Sequence, w.Sequence) {
			t.Errorf("%s: sequence %v, want %v", p.Member, str(p.Sequence), str(w.Sequence))
		}
		for _, c := range w.Codes {
			if !slices.Contains(codes, c) {
				t.Errorf("%s: codes %v lack %s", p.Member, codes, c)
			}
		}
		for _, c := range w.Absent {
			if slices.Contains(codes, c) {
				t.Errorf("%s: codes %v hold %s, which must be absent", p.Member, codes, c)
			}
		}
		checkNotices(t, p.Member, p.Notices, w.Notices, w.AbsentNotices, w.PastNotices)
	}
}

// checkNotices compares the notices of one petition (or the petitioner)
// with the expectation, and checks that each has what the contract's
// addition promises: id, title, effective, confidence, titled sources.
func checkNotices(t *testing.T, who string, got []gotNotice, current, absent, past []string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: no notices list", who)
	}
	byID := map[string]gotNotice{}
	for _, n := range got {
		byID[n.ID] = n
		if n.ID == "" || n.Title == "" || n.Effective == "" || n.Current == nil || len(n.Sources) == 0 {
			t.Errorf("%s: incomplete notice %+v", who, n)
		}
		if !slices.Contains([]string{"confirmed", "reported", "unconfirmed"}, n.Confidence) {
			t.Errorf("%s: %s: confidence %q", who, n.ID, n.Confidence)
		}
		for _, s := range n.Sources {
			if s.Title == "" || s.Publisher == "" || s.Link == "" {
				t.Errorf("%s: %s: incomplete source %+v", who, n.ID, s)
			}
		}
		if n.Current != nil && *n.Current == (n.Ended != nil) {
			t.Errorf("%s: %s: current %v but ended %v", who, n.ID, *n.Current, n.Ended)
		}
	}
	for _, id := range current {
		if n, ok := byID[id]; !ok || n.Current == nil || !*n.Current {
			t.Errorf("%s: notice %s not shown as current (got %v)", who, id, noticeIDs(got))
		}
	}
	for _, id := range past {
		if n, ok := byID[id]; !ok || n.Current == nil || *n.Current || n.Ended == nil {
			t.Errorf("%s: notice %s not shown as past (got %v)", who, id, noticeIDs(got))
		}
	}
	for _, id := range absent {
		if _, ok := byID[id]; ok {
			t.Errorf("%s: notice %s is shown, and must not be", who, id)
		}
	}
}

func noticeIDs(ns []gotNotice) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	_ = json.Unmarshal(a, &x)
	_ = json.Unmarshal(b, &y)
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return bytes.Equal(xb, yb)
}

func equalPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}
