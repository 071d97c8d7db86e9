package forms

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Field is one AcroForm field of an edition, as its field map describes it.
type Field struct {
	Name    string // fully qualified name, exactly as in the PDF
	Type    string // text, checkbox or combo
	Kind    string // text fields: text, date or digits; else the type
	Page    int
	Part    string // 1-9, start, attorney, barcode
	Item    string // item number as printed, e.g. 23.b
	Key     string // case-file fact; "-" never filled; "k=v" for a checkbox
	MaxLen  int    // 0: no limit
	OnState string // checkbox export value, spaces kept
	Flags   string // ReadOnly, Multiline, Comb (comma separated)
	Comb    int    // comb cells
	Rect    [4]float64
}

// Fillable reports whether Reunite may write the field.
func (f *Field) Fillable() bool { return f.Key != "-" }

// Choice splits a checkbox key "k=v" into the fact k and the value v that
// turns the box on.
func (f *Field) Choice() (fact, value string) {
	fact, value, _ = strings.Cut(f.Key, "=")
	return fact, value
}

// Has reports whether the field carries a flag (ReadOnly, Multiline, Comb).
func (f *Field) Has(flag string) bool {
	for _, s := range strings.Split(f.Flags, ",") {
		if s == flag {
			return true
		}
	}
	return false
}

// FieldMap is an edition's list of fields.
type FieldMap struct {
	Fields []Field
	byName map[string]int
	byKey  map[string]int
}

// Field returns the field with the given full name, or nil.
func (m *FieldMap) Field(name string) *Field {
	if i, ok := m.byName[name]; ok {
		return &m.Fields[i]
	}
	return nil
}

// ByKey returns the field that shows the fact key (for checkboxes "k=v").
func (m *FieldMap) ByKey(key string) *Field {
	if i, ok := m.byKey[key]; ok {
		return &m.Fields[i]
	}
	return nil
}

var fieldMapColumns = []string{"name", "type", "kind", "page", "part", "item", "key",
	"maxlen", "on_state", "flags", "comb", "rect"}

// ParseFieldMap reads a field map: lines starting with # are comments, then
// a header row with the columns above, then one tab-separated row per field.
// It refuses duplicate names, duplicate keys and malformed numbers, naming
// the line.
func ParseFieldMap(r io.Reader) (*FieldMap, error) {
	m := &FieldMap{byName: map[string]int{}, byKey: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if !header {
			if strings.Join(cols, "\t") != strings.Join(fieldMapColumns, "\t") {
				return nil, fmt.Errorf("field map line %d: header must be %q", line, strings.Join(fieldMapColumns, " "))
			}
			header = true
			continue
		}
		f, err := parseFieldRow(cols)
		if err != nil {
			return nil, fmt.Errorf("field map line %d: %w", line, err)
		}
		if _, dup := m.byName[f.Name]; dup {
			return nil, fmt.Errorf("field map line %d: field %q listed twice", line, f.Name)
		}
		m.byName[f.Name] = len(m.Fields)
		if f.Key != "-" {
			if _, dup := m.byKey[f.Key]; dup {
				return nil, fmt.Errorf("field map line %d: key %q used twice", line, f.Key)
			}
			m.byKey[f.Key] = len(m.Fields)
		}
		m.Fields = append(m.Fields, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("field map: %w", err)
	}
	if !header {
		return nil, fmt.Errorf("field map: no header row")
	}
	return m, nil
}

func parseFieldRow(c []string) (Field, error) {
	if len(c) != len(fieldMapColumns) {
		return Field{}, fmt.Errorf("%d columns, want %d", len(c), len(fieldMapColumns))
	}
	f := Field{Name: c[0], Type: c[1], Kind: c[2], Part: c[4], Item: c[5], Key: c[6],
		OnState: c[8], Flags: c[9]}
	if f.Name == "" || f.Key == "" {
		return f, fmt.Errorf("empty name or key")
	}
	switch f.Type {
	case "text":
		if f.Kind != "text" && f.Kind != "date" && f.Kind != "digits" {
			return f, fmt.Errorf("text field %q has kind %q", f.Name, f.Kind)
		}
	case "checkbox", "combo":
		if f.Kind != f.Type {
			return f, fmt.Errorf("field %q: kind %q must equal its type", f.Name, f.Kind)
		}
	default:
		return f, fmt.Errorf("field %q: unknown type %q", f.Name, f.Type)
	}
	if f.Type == "checkbox" && f.OnState == "" {
		return f, fmt.Errorf("checkbox %q has no on_state", f.Name)
	}
	if f.Type == "checkbox" && f.Key != "-" && !strings.Contains(f.Key, "=") {
		return f, fmt.Errorf("checkbox %q: key %q is not fact=value", f.Name, f.Key)
	}
	var err error
	if f.Page, err = atoi(c[3], "page"); err != nil || f.Page < 1 {
		return f, fmt.Errorf("field %q: bad page %q", f.Name, c[3])
	}
	if f.MaxLen, err = atoi(c[7], "maxlen"); err != nil {
		return f, err
	}
	if f.Comb, err = atoi(c[10], "comb"); err != nil {
		return f, err
	}
	parts := strings.Fields(c[11])
	if len(parts) != 4 {
		return f, fmt.Errorf("field %q: rect %q needs 4 numbers", f.Name, c[11])
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v != v || v > 1e5 || v < -1e5 {
			return f, fmt.Errorf("field %q: bad rect number %q", f.Name, p)
		}
		f.Rect[i] = v
	}
	return f, nil
}

func atoi(s, what string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1e6 {
		return 0, fmt.Errorf("bad %s %q", what, s)
	}
	return n, nil
}
