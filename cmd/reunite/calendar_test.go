package main

import (
	"strings"
	"testing"
)

func TestCalendarCommand(t *testing.T) {
	code, out, errs := runCmd(t, "", "calendar", example, "--as-of", "2026-11-26", "--remind", "14")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || !strings.Contains(out, "DTSTART;VALUE=DATE:20270610") || !strings.Contains(out, "TRIGGER:-P14D") {
		t.Errorf("calendar:\n%s", out)
	}
	if strings.Contains(out, "Dawit") || strings.Contains(out, "Tesfaye") {
		t.Error("names in the calendar without --with-names")
	}
	code, _, errs = runCmd(t, "", "calendar", example, "--remind", "soon")
	if code != 2 || !strings.Contains(errs, `--remind: "soon" is not a number of days`) {
		t.Errorf("bad --remind: exit %d, %q", code, errs)
	}
}
