package docfile

import "fmt"

// Codes of the refusals, for callers that translate the message.
const (
	CodeEmpty     = "empty"
	CodeProgram   = "program"
	CodeHEIC      = "heic"
	CodeType      = "type"
	CodeTooLarge  = "too_large"
	CodePixels    = "pixels"
	CodeDamaged   = "damaged"
	CodeBomb      = "bomb"
	CodePages     = "pages"
	CodeEncrypted = "encrypted"
	CodeBusy      = "busy"
)

// Error is a refused file: its name, why (Code) and the message in
// English.
type Error struct {
	File string
	Code string
	Msg  string
}

func (e *Error) Error() string {
	if e.File == "" {
		return e.Msg
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func refuse(file, code, format string, args ...any) *Error {
	return &Error{File: file, Code: code, Msg: fmt.Sprintf(format, args...)}
}
