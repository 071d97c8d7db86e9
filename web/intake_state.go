package web

import (
	"encoding/json"
	"slices"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// What the dashboard says of the intake is kept in memory per version
// (answer_states.go), but an office of 100,000 families rarely shows the
// same dashboard twice before the memory is full, and working it out
// builds every question of the intake: about a tenth of the page. So it
// is also written down when a version is written (store.SetIntakeState,
// set by New) and read back with the version. It is kept in clear, so it
// holds numbers only: the count of questions not answered yet and the
// place of the step to resume with among the intake's steps (not its path,
// which names a relative's id). A version with an answer "I don't know"
// (whose question the dashboard names) is not written down. The counts do
// not change with the language (TestAnswerStateAsBefore).

// intakeEdition names the intake's questions as this program asks them: a
// state written down under another edition is worked out again. Raise it
// when a question is added or taken away, becomes required or optional, or
// moves to another step; TestIntakeEdition fails for testdata's case files
// until it is raised.
const intakeEdition = 1

// keptIntake is the text written down with a version: for staff and for
// the principal, the number of required questions not answered yet and
// the step to resume with (1 for the first of steps(f), 0 when none).
type keptIntake struct {
	Edition int       `json:"e"`
	Staff   keptCount `json:"staff"`
	Client  keptCount `json:"client"`
}

type keptCount struct {
	Missing int `json:"missing"`
	Resume  int `json:"resume,omitempty"`
}

// writeIntakeState returns the store's function for the intake's state of
// a version, in l's words (the counts do not depend on them).
func writeIntakeState(l *i18n.Lang) store.IntakeStateFunc {
	return func(f *reunite.Family) string {
		k := keptIntake{Edition: intakeEdition}
		for _, c := range []struct {
			staff bool
			to    *keptCount
		}{{true, &k.Staff}, {false, &k.Client}} {
			// A copy for each: the questions may allocate empty parts of
			// the family they read, and f is the caller's.
			copied, ok := copyFamily(f)
			if !ok {
				return ""
			}
			// The steps as the family stands, before the questions
			// allocate parts of it: as the dashboard reads them back.
			sts := steps(copied)
			resume, missing, unknowns := answerStateIn(l, copied, c.staff, "")
			if len(unknowns) > 0 {
				return ""
			}
			*c.to = keptCount{Missing: missing}
			if resume != "" {
				i := slices.IndexFunc(sts, func(st step) bool { return st.Path("") == resume })
				if i < 0 {
					return ""
				}
				c.to.Resume = i + 1
			}
		}
		b, err := json.Marshal(k)
		if err != nil {
			return ""
		}
		return string(b)
	}
}

// keptIntakeState reads back the state written down with a version, f,
// of the family id: false when none was, or under another edition.
func keptIntakeState(text string, f *reunite.Family, staff bool, id string) (resume string, missing int, ok bool) {
	if text == "" {
		return "", 0, false
	}
	var k keptIntake
	if err := json.Unmarshal([]byte(text), &k); err != nil || k.Edition != intakeEdition {
		return "", 0, false
	}
	c := k.Client
	if staff {
		c = k.Staff
	}
	if c.Resume > 0 {
		var kept [mostFamilySteps + 4*mostRelativeSteps]step // enough for four relatives
		sts := appendSteps(kept[:0], f)
		if c.Resume > len(sts) {
			return "", 0, false
		}
		resume = sts[c.Resume-1].Path(id)
	}
	return resume, c.Missing, true
}
