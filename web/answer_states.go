package web

import (
	"sync"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// What the dashboard says of the intake (the questions not answered yet,
// those answered "I don't know", the page to go on with) depends only on
// the case file, the language and whether staff read it: the intake's
// questions were built for every step on every dashboard, a tenth of
// its work, although a stored version of a case file never changes. So
// the answer is kept per version, for the family's own office, where the
// family is read whole. A partner office reads a family cut down to its
// shares, which may change without a new version: it is always worked
// out. Nothing read from the case file is kept: only a count and the path
// of an intake page, and only for a version with no answer "I don't
// know" (whose questions' words may hold a name); those are worked out
// each time.

// maxAnswerStates bounds the versions kept; when full, the map is emptied
// (a version visited again is worked out again, nothing more).
const maxAnswerStates = 20000

type answerKey struct {
	family  string
	version int
	staff   bool
	lang    string
}

type answerFound struct {
	resume  string
	missing int
}

type answerStates struct {
	mu sync.Mutex
	m  map[answerKey]answerFound
}

func (c *answerStates) get(k answerKey) (answerFound, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[k]
	return f, ok
}

func (c *answerStates) put(k answerKey, f answerFound) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxAnswerStates {
		c.m = make(map[answerKey]answerFound)
	}
	c.m[k] = f
}

// answerStateOf is answerStateIn of a family read for the page, kept per
// version when read by its own office. The family is the caller's to give
// up, as for answerStateIn.
func (s *Server) answerStateOf(l *i18n.Lang, rec *store.FamilyRecord, staff bool) (resume string, missing int, unknowns []unknownAnswer) {
	if rec.Shared != nil {
		return answerStateIn(l, rec.Family, staff, rec.ID)
	}
	if resume, missing, ok := keptIntakeState(rec.IntakeState, rec.Family, staff, rec.ID); ok {
		return resume, missing, nil // written down with the version (intake_state.go)
	}
	k := answerKey{family: rec.ID, version: rec.Version, staff: staff, lang: l.Code}
	if f, ok := s.answers.get(k); ok {
		return f.resume, f.missing, nil
	}
	resume, missing, unknowns = answerStateIn(l, rec.Family, staff, rec.ID)
	if len(unknowns) == 0 {
		s.answers.put(k, answerFound{resume, missing})
	}
	return resume, missing, unknowns
}
