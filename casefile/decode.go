package casefile

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/editdist"
)

// Decode reads and validates a case file. On failure the error is a
// *reunite.ValidationError that lists every bad field by its path, unknown
// keys included: a misspelt key must never silently become an unknown fact.
func Decode(data []byte) (*reunite.Family, error) {
	if errs := checkSize(data); errs != nil {
		return nil, errs
	}
	// The text is checked while the tree is read. Its problems come
	// first, as if it were checked before: when the file does not parse,
	// the whole of it is checked again alone (the tree stopped early).
	root, text, err := parseTree(data)
	if err != nil {
		if errs := checkText(data); errs != nil {
			return nil, errs
		}
		return nil, &reunite.ValidationError{Fields: []reunite.FieldError{{Problem: err.Error()}}}
	}
	if text != nil {
		return nil, text
	}
	var f reunite.Family
	errs := &reunite.ValidationError{}
	if root.kind != kObject {
		errs.Add("", "a case file is a JSON object, not %s", root.kind)
		return nil, errs
	}
	d := decoder{errs: errs}
	d.value(root, reflect.ValueOf(&f).Elem())
	d.required(root)
	if errs.Err() != nil {
		return nil, errs
	}
	f.Validate(errs)
	if errs.Err() != nil {
		return nil, errs
	}
	return &f, nil
}

// decoder walks the JSON tree and the Go types side by side, driven by the
// json tags of the domain types, so that a field added to a struct is read
// (and its path reported) with no change here.
type decoder struct {
	errs *reunite.ValidationError
	// path is where the walk stands (family[1].child, appendJoin), grown
	// and cut back as the walk goes in and out: made a string only for a
	// problem. A string per field was a tenth of the allocations of
	// decoding a good file.
	path []byte
}

// at is the path where the walk stands.
func (d *decoder) at() string { return string(d.path) }

// enterKey moves the walk into key of the object it stands at, and returns
// the mark to leave it by.
func (d *decoder) enterKey(key string) int {
	mark := len(d.path)
	d.path = appendJoin(d.path, key)
	return mark
}

// enterIndex moves the walk into item i of the list it stands at.
func (d *decoder) enterIndex(i int) int {
	mark := len(d.path)
	d.path = appendIndex(d.path, i)
	return mark
}

// leave moves the walk back out to mark.
func (d *decoder) leave(mark int) { d.path = d.path[:mark] }

var (
	dateType      = reflect.TypeFor[reunite.Date]()
	birthDateType = reflect.TypeFor[reunite.BirthDate]()
	enumType      = reflect.TypeFor[reunite.Enum]()
)

// appendJoin names key inside path: family[1].child.kind. A key that is
// not a plain name (empty, or with spaces or dots) is quoted, so that the
// path still says where it is: principal["full name"].
func appendJoin(path []byte, key string) []byte {
	if !isPlainKey(key) {
		return append(strconv.AppendQuote(append(path, '['), key), ']')
	}
	if len(path) == 0 {
		return append(path, key...)
	}
	return append(append(path, '.'), key...)
}

// appendIndex names item i of the list at path: family[1].
func appendIndex(path []byte, i int) []byte {
	return append(strconv.AppendInt(append(path, '['), int64(i), 10), ']')
}

// isPlainKey reports whether key is a plain name: a letter or _, then
// letters, digits and _ (ASCII). Every key of a file is joined into a
// path, so this is a loop rather than a regular expression.
func isPlainKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

func (d *decoder) value(n *node, v reflect.Value) {
	if n.kind == kNull {
		return // unknown: the zero value
	}
	t := v.Type()
	switch {
	case t == dateType:
		if n.kind != kString {
			d.errs.Add(d.at(), "expected a date written \"YYYY-MM-DD\", found %s", n.kind)
			return
		}
		dt, err := reunite.ParseDate(n.str)
		if err != nil {
			d.errs.Add(d.at(), "%v", err)
			return
		}
		v.Set(reflect.ValueOf(dt))
	case t == birthDateType:
		if n.kind != kString {
			d.errs.Add(d.at(), "expected a birth date written \"YYYY-MM-DD\" (or \"YYYY-MM\", \"YYYY\" when only that is known), found %s", n.kind)
			return
		}
		b, err := reunite.ParseBirthDate(n.str)
		if err != nil {
			d.errs.Add(d.at(), "%v", err)
			return
		}
		v.Set(reflect.ValueOf(b))
	case t.Implements(enumType) && t.Kind() == reflect.String:
		allowed := enumValues(t)
		if n.kind != kString {
			d.errs.Add(d.at(), "expected one of %s, found %s", quoteList(allowed), n.kind)
			return
		}
		if !slices.Contains(allowed, n.str) { // reunite.ValidEnum
			d.errs.Add(d.at(), "%q is not one of %s", n.str, quoteList(allowed))
			return
		}
		v.SetString(n.str)
	case t.Kind() == reflect.String:
		if n.kind != kString {
			d.errs.Add(d.at(), "expected a string, found %s", n.kind)
			return
		}
		v.SetString(n.str)
	case t.Kind() == reflect.Pointer:
		elem := reflect.New(t.Elem())
		before := len(d.errs.Fields)
		d.value(n, elem.Elem())
		if len(d.errs.Fields) == before {
			v.Set(elem)
		}
	case t.Kind() == reflect.Bool:
		if n.kind != kBool {
			d.errs.Add(d.at(), "expected true or false, found %s", n.kind)
			return
		}
		v.SetBool(n.b)
	case t.Kind() == reflect.Int:
		i, err := strconv.Atoi(n.str)
		if n.kind != kNumber || err != nil {
			d.errs.Add(d.at(), "expected a whole number, found %s", describe(n))
			return
		}
		v.SetInt(int64(i))
	case t.Kind() == reflect.Slice:
		if n.kind != kArray {
			d.errs.Add(d.at(), "expected a list, found %s", n.kind)
			return
		}
		s := reflect.MakeSlice(t, len(n.items), len(n.items))
		for i, item := range n.items {
			mark := d.enterIndex(i)
			d.value(item, s.Index(i))
			d.leave(mark)
		}
		v.Set(s)
	case t.Kind() == reflect.Struct:
		d.object(n, v)
	default:
		panic("casefile: no reader for " + t.String())
	}
}

func (d *decoder) object(n *node, v reflect.Value) {
	if n.kind != kObject {
		d.errs.Add(d.at(), "expected an object, found %s", n.kind)
		return
	}
	t := v.Type()
	fields := fieldsOf(t)
	for _, key := range n.dups {
		mark := d.enterKey(key)
		d.errs.Add(d.at(), "written twice; keep one")
		d.leave(mark)
	}
	for _, key := range n.keys {
		mark := d.enterKey(key)
		if i, ok := fields[key]; !ok {
			d.errs.Add(d.at(), "unknown key%s", suggest(key, fields))
		} else {
			d.value(n.fields[key], v.Field(i))
			d.check(t.Field(i), v.Field(i))
		}
		d.leave(mark)
	}
}

// fieldsOf maps a struct's json keys to field indexes. The maps are made
// once per type (fieldMaps) and only read: reading the tags again for
// every object was a sixth of decoding a file.
func fieldsOf(t reflect.Type) map[string]int {
	if m, ok := fieldMaps.Load(t); ok {
		return m.(map[string]int)
	}
	m, _ := fieldMaps.LoadOrStore(t, jsonFields(t))
	return m.(map[string]int)
}

// fieldMaps holds fieldsOf's maps by struct type.
var fieldMaps sync.Map

// enumValues is the Allowed list of an enumerated type, asked once per
// type (enumLists) and only read: Allowed makes a new list at each call,
// two for every enumerated field of a file.
func enumValues(t reflect.Type) []string {
	if l, ok := enumLists.Load(t); ok {
		return l.([]string)
	}
	l, _ := enumLists.LoadOrStore(t, reflect.Zero(t).Interface().(reunite.Enum).Allowed())
	return l.([]string)
}

// enumLists holds enumValues's lists by type.
var enumLists sync.Map

// jsonFields maps a struct's json keys to field indexes.
func jsonFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}

var patterns = map[string]struct {
	re   *regexp.Regexp
	want string
}{
	"anumber": {regexp.MustCompile(`^A?[- ]?(?:[0-9][- ]?){6,8}[0-9]$`), "an A-Number: 7 to 9 digits, with or without a leading A"},
	// An I-94 number is 11 characters: 11 digits, or (electronic I-94s
	// since 2013) 9 digits, a letter and a digit.
	"i94": {regexp.MustCompile(`^[0-9]{9}[0-9A-Za-z][0-9]$`), "an I-94 number: 11 characters, digits with a letter in the tenth place on newer records (as 12345678901 or 123456789A1)"},
	"ssn": {regexp.MustCompile(`^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$`), "a Social Security number: 9 digits, as 123-45-6789"},
}

// check applies the extra checks a struct tag asks for: country codes and
// number formats.
func (d *decoder) check(f reflect.StructField, v reflect.Value) {
	if v.Kind() != reflect.String || v.String() == "" {
		return
	}
	s := v.String()
	if f.Tag.Get("enum") == "country" {
		if _, ok := reunite.CountryName(s); !ok {
			d.errs.Add(d.at(), "%q is not a country code (expected ISO 3166-1 alpha-2, such as \"ER\" or \"AF\")", s)
		}
	}
	if p, ok := patterns[f.Tag.Get("pattern")]; ok && !p.re.MatchString(s) {
		d.errs.Add(d.at(), "%q is not %s", s, p.want)
	}
}

// required reports the keys the contract requires.
func (d *decoder) required(root *node) {
	format := root.fields["format"]
	switch {
	case format == nil || format.kind == kNull:
		d.errs.Add("format", "missing (expected %q)", reunite.CaseFormat)
	case format.kind == kString && format.str != reunite.CaseFormat:
		d.errs.Add("format", "%q is not a format Reunite reads (expected %q)", format.str, reunite.CaseFormat)
	}
	if p := root.fields["principal"]; p == nil || p.kind == kNull {
		d.errs.Add("principal", "missing (expected an object)")
	}
	fam := root.fields["family"]
	if fam == nil || fam.kind == kNull {
		d.errs.Add("family", "missing (expected a list of family members, which may be empty)")
		return
	}
	for i, m := range fam.items {
		if m.kind != kObject {
			continue // reported by the walk
		}
		if id := m.fields["id"]; id == nil || id.kind == kNull || (id.kind == kString && strings.TrimSpace(id.str) == "") {
			d.errs.Add(fmt.Sprintf("family[%d].id", i), "missing (expected a non-empty string, unique in the file)")
		}
	}
}

func describe(n *node) string {
	if n.kind == kNumber {
		return n.str
	}
	return n.kind.String()
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// suggest names the known key closest to a misspelt one.
func suggest(key string, fields map[string]int) string {
	best, bestDist := "", 3
	for k := range fields {
		if dist := editdist.Distance(key, k); dist < bestDist || (dist == bestDist && best != "" && k < best) {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
