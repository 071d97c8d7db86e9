package policy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// OfficeDir is the folder of an office's own notice files inside the data
// directory; `reunite policy add` copies a checked file there.
const OfficeDir = "notices"

// Load returns the book of an office: the shipped notices and every
// *.json file in dataDir/notices (in name order). A data directory without
// that folder, or "", gives the shipped notices alone. One bad file
// refuses the whole book, naming the file, line and field: notices must
// never reach families half-read. This and Install are the package's only
// file I/O; matching itself is pure.
func Load(dataDir string) (*Book, error) {
	builtin, err := Builtin()
	if err != nil {
		return nil, err
	}
	sets := []*Set{builtin}
	if dataDir != "" {
		files, err := filepath.Glob(filepath.Join(dataDir, OfficeDir, "*.json"))
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			set, err := Read(f, data)
			if err != nil {
				return nil, err
			}
			sets = append(sets, set)
		}
	}
	return NewBook(sets...)
}

// Install checks the notice file data (named name) against the book of
// dataDir and copies it into dataDir/notices under its base name,
// replacing an earlier file of that name. It returns the set read and the
// file's previous contents (nil if new), for the audit log.
func Install(dataDir, name string, data []byte) (set *Set, previous []byte, err error) {
	set, err = Read(name, data)
	if err != nil {
		return nil, nil, err
	}
	base := filepath.Base(name)
	if filepath.Ext(base) != ".json" {
		base += ".json"
	}
	dest := filepath.Join(dataDir, OfficeDir, base)
	book, err := Load(dataDir)
	if err != nil {
		return nil, nil, err
	}
	// The new file replaces its namesake, so its ids are checked against
	// the other files only.
	var others []*Set
	for _, s := range book.Sets() {
		if s.Origin != dest {
			others = append(others, s)
		}
	}
	set.Origin = dest
	if _, err := NewBook(append(others, set)...); err != nil {
		return nil, nil, err
	}
	previous, err = os.ReadFile(dest)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return nil, nil, err
	}
	tmp := dest + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return nil, nil, err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return nil, nil, fmt.Errorf("installing %s: %w", dest, err)
	}
	return set, previous, nil
}
