package packet

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed data/filing-addresses.json
var defaultAddresses []byte

// FilingAddresses says where to mail the I-730. USCIS moves filing
// locations (Nebraska to Texas in 2023), so the address is data: a file
// named filing-addresses.json in the data directory overrides the copy
// built into Reunite.
type FilingAddresses struct {
	Form      string    `json:"form"`
	Checked   string    `json:"checked"`
	VerifyAt  string    `json:"verify_at"`
	Source    string    `json:"source"`
	Fee       string    `json:"fee"`
	Addresses []Address `json:"addresses"`
}

// Address is one mailing address and the carriers it is for.
type Address struct {
	Service string   `json:"service"`
	Lines   []string `json:"lines"`
}

// LoadAddresses reads DATA/filing-addresses.json if present, else the
// built-in file. from names the file used, for the manifest.
func LoadAddresses(dataDir string) (a *FilingAddresses, from string, err error) {
	data, from := defaultAddresses, "built-in"
	if dataDir != "" {
		p := filepath.Join(dataDir, "filing-addresses.json")
		b, err := os.ReadFile(p)
		switch {
		case err == nil:
			data, from = b, p
		case !errors.Is(err, fs.ErrNotExist):
			return nil, "", err
		}
	}
	a = &FilingAddresses{}
	if err := json.Unmarshal(data, a); err != nil {
		return nil, "", fmt.Errorf("filing addresses (%s): %w", from, err)
	}
	if len(a.Addresses) == 0 || len(a.Addresses[0].Lines) == 0 {
		return nil, "", fmt.Errorf("filing addresses (%s): no address", from)
	}
	return a, from, nil
}
