package forms

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The blank forms a user added live in DATA/forms/<edition id>.pdf, e.g.
// ~/.local/share/reunite/forms/i-730-2025-01-20.pdf.
func formsDir(dataDir string) string { return filepath.Join(dataDir, "forms") }

// Add checks the PDF at path and stores it in the data directory. Nothing
// is written unless the file is an edition Reunite can fill; the copy is
// written to a temporary file and renamed, so a crash leaves no half file.
func Add(dataDir, path string) (*Checked, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	c, err := Check(data)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	dir := formsDir(dataDir)
	// The data directory this may create holds families' case data too:
	// only its owner may enter it.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", err
	}
	dst := filepath.Join(dir, c.Edition.ID()+".pdf")
	if err := writeAtomic(dst, data); err != nil {
		return nil, "", err
	}
	return c, dst, nil
}

// ErrNoBlankForm is returned when no checked blank form is in the data
// directory.
var ErrNoBlankForm = errors.New("no blank Form I-730 has been added")

// Blank returns the newest stored blank form Reunite can fill.
func Blank(dataDir string) ([]byte, *Edition, error) {
	eds, err := Editions()
	if err != nil {
		return nil, nil, err
	}
	for _, e := range eds {
		data, err := os.ReadFile(filepath.Join(formsDir(dataDir), e.ID()+".pdf"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		return data, e, nil
	}
	return nil, nil, fmt.Errorf("%w: download it from %s and run `reunite forms add FILE` (Reunite can fill %s)",
		ErrNoBlankForm, DownloadURL, knownEditions())
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
