package risk

import "fmt"

// Level is how much danger a relative is in, as the team judges it.
type Level string

const (
	Low      Level = "low"
	Moderate Level = "moderate"
	High     Level = "high"
	Critical Level = "critical"
)

// Levels lists the levels from the lowest.
var Levels = []Level{Low, Moderate, High, Critical}

// Rank orders the levels: 0 for an unknown level, then 1 (low) to 4.
func (l Level) Rank() int {
	for i, v := range Levels {
		if v == l {
			return i + 1
		}
	}
	return 0
}

// ParseLevel reads a level's name.
func ParseLevel(s string) (Level, error) {
	if l := Level(s); l.Rank() > 0 {
		return l, nil
	}
	return "", fmt.Errorf("%q is not a risk level (expected %s)", s, joinKinds(Levels))
}

// Raised reports whether going from prev to next raises the risk; a first
// level counts as raised from nothing.
func Raised(prev, next Level) bool { return next.Rank() > prev.Rank() }

// Urgent reports whether a level calls for action now (an expedite request,
// the team told).
func (l Level) Urgent() bool { return l.Rank() >= High.Rank() }
