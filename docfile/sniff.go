package docfile

import (
	"bytes"
)

// Type is a file type Reunite accepts, or one it recognises in order to
// refuse it by name.
type Type string

// The accepted types.
const (
	JPEG Type = "image/jpeg"
	PNG  Type = "image/png"
	PDF  Type = "application/pdf"
)

// Sniff names the type of a file from its first bytes. Accepted types come
// back with a nil error; anything else with an *Error whose code says what
// it is (empty, program, heic, type), for the caller to put the file's name
// on.
func Sniff(head []byte) (Type, *Error) {
	switch {
	case len(head) == 0:
		return "", &Error{Code: CodeEmpty, Msg: "the file is empty (0 bytes)"}
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF, nil
	case isProgram(head):
		return "", &Error{Code: CodeProgram, Msg: "the file is a program, not a photo or a scan: only JPEG, PNG and PDF files are accepted"}
	case isHEIC(head):
		return "", &Error{Code: CodeHEIC, Msg: "HEIC photos cannot be read here: send it as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible) or as a PDF"}
	}
	return "", &Error{Code: CodeType, Msg: "the file is not a JPEG, PNG or PDF file (whatever its name says)"}
}

// isProgram recognises executables and scripts, so that a renamed program
// gets a message that says so.
func isProgram(head []byte) bool {
	for _, magic := range [][]byte{
		[]byte("\x7fELF"),        // Linux
		[]byte("MZ"),             // Windows
		{0xCF, 0xFA, 0xED, 0xFE}, // macOS, 64-bit
		{0xCE, 0xFA, 0xED, 0xFE}, // macOS, 32-bit
		{0xCA, 0xFE, 0xBA, 0xBE}, // macOS universal, Java class
		[]byte("#!"),             // script
		[]byte("PK\x03\x04"),     // zip: jar, apk, docm
		{0xD0, 0xCF, 0x11, 0xE0}, // OLE: msi, old Office with macros
		[]byte("\x00asm"),        // WebAssembly
	} {
		if bytes.HasPrefix(head, magic) {
			return true
		}
	}
	return false
}

// isHEIC recognises an ISO-BMFF file whose brand is HEIF's.
func isHEIC(head []byte) bool {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return false
	}
	switch string(head[8:12]) {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif":
		return true
	}
	return false
}
