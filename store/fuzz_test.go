package store

import (
	"bytes"
	"testing"
)

// FuzzOpenEnvelope feeds arbitrary bytes to the envelope reader and to
// opening with a data key: no input may panic or open without the key.
func FuzzOpenEnvelope(f *testing.F) {
	k, err := newDataKey(1, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(k.seal([]byte("Tesfaye"), "families/label/f1"))
	f.Add([]byte{1, 0, 0, 0, 1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := parseEnvelope(b)
		if err != nil {
			return
		}
		if e.keyVersion != 1 {
			return
		}
		pt, err := k.open(e, "families/label/f1")
		if err == nil && !bytes.Equal(pt, []byte("Tesfaye")) {
			t.Fatalf("forged envelope opened: %q", pt)
		}
	})
}

// FuzzReadBackup feeds arbitrary plaintext to the backup reader: it must
// return an error or rows of the declared kinds, and never panic.
func FuzzReadBackup(f *testing.F) {
	var buf bytes.Buffer
	bw, _ := newBackupWriter(&buf, backupHeader{Schema: 50, Engine: SQLite})
	bw.row(tableByName("orgs"), []any{"o1", "Office", int64(5)})
	bw.row(tableByName("org_keys"), []any{"o1", int64(1), "abc", []byte{1, 2}, int64(5)})
	bw.close()
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"reunite.backup/v1"}` + "\n" + `{"end":true}`))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		readBackup(bytes.NewReader(b), func(backupHeader) error { return nil }, func(tb *tableSpec, vals []any) error {
			if len(vals) != len(tb.cols) {
				t.Fatalf("%s: %d values for %d columns", tb.name, len(vals), len(tb.cols))
			}
			for i, v := range vals {
				switch v.(type) {
				case nil:
				case string:
					if tb.kind[i] != colText {
						t.Fatalf("%s.%s: string for kind %d", tb.name, tb.cols[i], tb.kind[i])
					}
				case int64:
					if tb.kind[i] != colInt {
						t.Fatalf("%s.%s: integer for kind %d", tb.name, tb.cols[i], tb.kind[i])
					}
				case []byte:
					if tb.kind[i] != colBlob {
						t.Fatalf("%s.%s: bytes for kind %d", tb.name, tb.cols[i], tb.kind[i])
					}
				default:
					t.Fatalf("%s.%s: %T", tb.name, tb.cols[i], v)
				}
			}
			return nil
		})
	})
}

// FuzzParseKeyFile: a key file either parses into keys that round-trip or
// is refused.
func FuzzParseKeyFile(f *testing.F) {
	k, _ := GenerateMasterKey()
	f.Add(Keys{Current: k}.KeyFile())
	f.Add([]byte("# x\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ks, err := ParseKeyFile(b)
		if err != nil {
			return
		}
		again, err := ParseKeyFile(ks.KeyFile())
		if err != nil || again.Current.ID() != ks.Current.ID() || len(again.Previous) != len(ks.Previous) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func TestBlindIndexNormalization(t *testing.T) {
	for in, want := range map[string]string{
		"A201234567": "201234567", "a-201-234-567": "201234567", "A012345678": "12345678",
		"12345678": "12345678", "A12": "", "A2012345678": "", "Selam": "", "": "",
	} {
		if got := normalizeANumber(in); got != want {
			t.Errorf("normalizeANumber(%q) = %q, want %q", in, got, want)
		}
	}
	got := nameTokens("Haile-Mariam  O'Neil, SELAM")
	if want := "haile mariam oneil selam"; joinStrings(got) != want {
		t.Errorf("nameTokens: %q, want %q", joinStrings(got), want)
	}
}

func joinStrings(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}
