package forms

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed editions/*.tsv
var editionFiles embed.FS

// DownloadURL is where USCIS publishes the current Form I-730.
const DownloadURL = "https://www.uscis.gov/i-730"

// Edition is one edition of a form that Reunite can fill.
type Edition struct {
	Form    string // I-730
	Date    string // as printed in the footer: 01/20/25
	Map     *FieldMap
	Hashes  []string // SHA-256 of the official files known for it
	mapFile string
}

// ID is a file-name-safe name for the edition: i-730-2025-01-20.
func (e *Edition) ID() string { return strings.TrimSuffix(e.mapFile, ".tsv") }

var (
	editionsOnce sync.Once
	editions     []*Edition
	editionsErr  error
)

// Editions returns every edition Reunite can fill, newest first as listed.
func Editions() ([]*Edition, error) {
	editionsOnce.Do(func() { editions, editionsErr = loadEditions() })
	return editions, editionsErr
}

// EditionByDate returns the known edition with the footer date d, or nil.
func EditionByDate(form, d string) *Edition {
	eds, _ := Editions()
	for _, e := range eds {
		if strings.EqualFold(e.Form, form) && e.Date == d {
			return e
		}
	}
	return nil
}

// Current returns the newest edition Reunite can fill.
func Current() (*Edition, error) {
	eds, err := Editions()
	if err != nil {
		return nil, err
	}
	if len(eds) == 0 {
		return nil, fmt.Errorf("forms: no edition data embedded")
	}
	return eds[0], nil
}

// knownEditions lists the editions for messages: "01/20/25".
func knownEditions() string {
	eds, _ := Editions()
	var s []string
	for _, e := range eds {
		s = append(s, e.Form+" edition "+e.Date)
	}
	return strings.Join(s, ", ")
}

func loadEditions() ([]*Edition, error) {
	data, err := editionFiles.ReadFile("editions/editions.tsv")
	if err != nil {
		return nil, err
	}
	var out []*Edition
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := false
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if !header {
			header = true
			continue
		}
		if len(c) != 4 {
			return nil, fmt.Errorf("forms: editions.tsv: bad row %q", line)
		}
		mapData, err := editionFiles.ReadFile("editions/" + c[2])
		if err != nil {
			return nil, fmt.Errorf("forms: edition %s: %w", c[1], err)
		}
		m, err := ParseFieldMap(bytes.NewReader(mapData))
		if err != nil {
			return nil, fmt.Errorf("forms: edition %s: %w", c[1], err)
		}
		out = append(out, &Edition{Form: c[0], Date: c[1], Map: m, mapFile: c[2],
			Hashes: strings.Split(c[3], ",")})
	}
	return out, nil
}
