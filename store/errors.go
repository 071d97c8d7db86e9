package store

import (
	"errors"
	"fmt"
)

// Errors that callers map to answers (a web handler to 404, 403, 409...).
// They are wrapped with the method and its key argument:
// "store.Family(f7k2...): not found".
var (
	// ErrNotFound is returned for rows that do not exist and, so as not to
	// reveal that they do, for rows the actor may not see.
	ErrNotFound = errors.New("not found")
	// ErrForbidden is returned when the actor may see a row but not do what
	// was asked (a caseworker creating users, a client editing a file).
	ErrForbidden = errors.New("not allowed for this user")
	// ErrConflict is returned when a write was based on an old version or
	// would duplicate a unique value.
	ErrConflict = errors.New("conflict")
	// ErrInvalid is returned for arguments that make no sense.
	ErrInvalid = errors.New("invalid")
	// ErrTooLarge is returned for a file over its limit, or one that would
	// take a family's files over theirs.
	ErrTooLarge = errors.New("too large")
)

// wrap prefixes *err with the place it happened, keeping it matchable with
// errors.Is.
func wrap(err *error, format string, args ...any) {
	if *err != nil {
		*err = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *err)
	}
}
