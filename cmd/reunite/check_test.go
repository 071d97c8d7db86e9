package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs reunite in-process with the given standard input.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

const example = "../../examples/tesfaye-family.json"

func TestCheckJSONFromStdin(t *testing.T) {
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, string(data), "check", "-", "--as-of", "2026-11-26", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a struct {
		Format   string `json:"format"`
		AsOf     string `json:"as_of"`
		Deadline struct {
			FileBy string `json:"file_by"`
			Late   bool   `json:"late"`
		} `json:"deadline"`
		Petitions []struct {
			Member   string           `json:"member"`
			Verdict  string           `json:"verdict"`
			Sequence *string          `json:"sequence"`
			Checks   []map[string]any `json:"checks"`
		} `json:"petitions"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if a.Format != "reunite.assessment/v1" || a.AsOf != "2026-11-26" || a.Deadline.FileBy != "2027-06-10" || a.Deadline.Late {
		t.Errorf("assessment head: %+v", a)
	}
	verdicts := ""
	for _, p := range a.Petitions {
		verdicts += p.Member + "=" + p.Verdict + " "
		if p.Checks != nil {
			t.Errorf("%s: checks are printed without --explain", p.Member)
		}
	}
	if verdicts != "husband=review ruth=eligible samuel=review mother=ineligible " {
		t.Errorf("verdicts: %s", verdicts)
	}
}

func TestCheckExplainListsPassedRules(t *testing.T) {
	code, out, _ := runCmd(t, "", "check", example, "--as-of", "2026-11-26", "--explain")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"[ok]", "MARRIAGE_AFTER_STATUS", "PERSECUTOR_BAR", "8 CFR 207.7(c), 208.21(b)", "Ruth was 17 on 2021-05-10"} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain output lacks %q", want)
		}
	}
	code, out, _ = runCmd(t, "", "check", example, "--as-of", "2026-11-26", "--json", "--explain")
	if code != 0 || !strings.Contains(out, `"checks"`) {
		t.Errorf("--json --explain has no checks (exit %d)", code)
	}
}

func TestCheckTextReport(t *testing.T) {
	code, out, _ := runCmd(t, "", "check", "--as-of", "2026-11-26", example)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"Filing deadline: 2027-06-10 (196 day(s) left)",
		"Relatives: 4 listed, 3 petition(s) to prepare",
		"1. Dawit Haile (spouse)",
		"REVIEW       petition 1 of 3",
		"NOT ELIGIBLE no petition",
		"CHILD_NOT_LISTED",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 78 {
			t.Errorf("line longer than 78: %q", line)
		}
	}
}

func TestCheckInvalidFileExits2AndNamesEveryField(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format":"reunite.case/v1","principal":{"status":"asylee"},
	  "family":[{"id":"a","birth_date":"2004-13-01"},{"id":"b","relatioship":"child"}]}`), 0o600)
	code, out, errs := runCmd(t, "", "check", bad, "--as-of", "2026-11-26", "--json")
	if code != 2 || out != "" {
		t.Fatalf("exit %d, stdout %q; want 2 and nothing on stdout", code, out)
	}
	for _, want := range []string{bad, `family[0].birth_date: "2004-13-01" is not a date`, `family[1].relatioship: unknown key (did you mean "relationship"?)`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestCheckUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check"}, "Usage: reunite check FILE"},
		{[]string{"check", example, "--as-of", "26/11/2026"}, `--as-of: "26/11/2026" is not a date`},
		{[]string{"check", "/nonexistent.json"}, "no such file"},
		{[]string{"check", example, "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
	} {
		code, _, errs := runCmd(t, "", tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
	if code, out, _ := runCmd(t, "", "--help"); code != 0 || !strings.Contains(out, "check") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
}
