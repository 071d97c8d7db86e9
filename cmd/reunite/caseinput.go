package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// caseInput is what the commands that read one case file share: the file
// (or - for standard input) and the day to assess it on.
type caseInput struct {
	asOf *string
}

// addCaseFlags declares --as-of on fs.
func addCaseFlags(fs *flag.FlagSet) *caseInput {
	return &caseInput{asOf: fs.String("as-of", "", "assess as of this day, YYYY-MM-DD (default: today)")}
}

// load parses the arguments, reads and validates the case file and works
// out the day. On failure it has printed why and returns the exit status.
func (c *caseInput) load(e *env, cmd string, fs *flag.FlagSet, args []string) (*reunite.Family, reunite.Date, int) {
	file, code, ok := oneArgument(fs, e, args)
	if !ok {
		return nil, reunite.Date{}, code
	}
	day := reunite.DateOf(time.Now())
	var err error
	if *c.asOf != "" {
		if day, err = reunite.ParseDate(*c.asOf); err != nil {
			return nil, day, fail(e, cmd, exitUsage, fmt.Errorf("--as-of: %v", err))
		}
	}
	data, err := readInput(e, file)
	if err != nil {
		return nil, day, fail(e, cmd, exitUsage, err)
	}
	fam, err := casefile.Decode(data)
	if err != nil {
		var ve *reunite.ValidationError
		if errors.As(err, &ve) && file != "-" {
			ve.File = file
		}
		fmt.Fprintln(e.Stderr, err)
		return nil, day, exitUsage
	}
	return fam, day, exitOK
}
