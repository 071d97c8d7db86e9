package web

import "sync"

// fieldScratch is a block of questions reused for the lists of one step
// after another: qb.fields hands out slices of it, and reset takes them
// all back. A field is a large struct (its words, its value's parts and
// closures), and the dashboard's count of the answers (answerStateIn)
// built every step's list on the heap on every request.
//
// Whoever resets a scratch must no longer hold any list taken from it: the
// next step's questions are written over them.
type fieldScratch struct {
	block []field
}

// take returns an empty slice with room for n fields and a few more
// (spare: a caller may append a question to a list another built), from
// the block when it has room, otherwise from a new block (the old one is
// left to the lists still using it). The slice's capacity is what was
// reserved for it, so appending more goes to the heap, never over the next
// list.
func (s *fieldScratch) take(n int) []field {
	n += spare
	if cap(s.block)-len(s.block) < n {
		s.block = make([]field, 0, max(2*cap(s.block), n, 64))
	}
	at := len(s.block)
	s.block = s.block[:at+n]
	return s.block[at : at : at+n]
}

// spare is the room take adds to every list.
const spare = 4

// reset takes every list back: the next ones are written over them.
func (s *fieldScratch) reset() { s.block = s.block[:0] }

// release clears the block, so that nothing of a family stays reachable
// from it, and puts the scratch back in the pool.
func (s *fieldScratch) release() {
	clear(s.block[:cap(s.block)])
	s.block = s.block[:0]
	scratches.Put(s)
}

// scratches are reused from dashboard to dashboard (getScratch, release).
var scratches = sync.Pool{New: func() any { return &fieldScratch{} }}

// fields returns an empty list with room for n questions: from q's
// scratch when it has one, from the heap otherwise.
func (q qb) fields(n int) []field {
	if q.scratch == nil {
		return make([]field, 0, n)
	}
	return q.scratch.take(n)
}

// list returns the questions fs as a list, as []field{...} would, taken
// from q's scratch when it has one.
func (q qb) list(fs ...field) []field {
	return append(q.fields(len(fs)), fs...)
}

// getScratch takes a scratch from the pool; release it when done.
func getScratch() *fieldScratch { return scratches.Get().(*fieldScratch) }
