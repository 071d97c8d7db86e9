package policy

import (
	"errors"
	"testing"
)

// FuzzRead: the reader never panics, and refuses with a *FileError whose
// every problem has a message; what it accepts reads again the same.
func FuzzRead(f *testing.F) {
	f.Add([]byte(good))
	f.Add(BuiltinBytes())
	f.Add([]byte(`{"notices": [{"match": [{"scope": "petitioner", "location": ["x"]}]}]}`))
	f.Add([]byte(`[1, {"a": null}]`))
	f.Add([]byte(`{"format": "reunite.notices/v1", "lists": {"x": [1]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Read("fuzz.json", data)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || len(fe.Problems) == 0 {
				t.Fatalf("err = %#v", err)
			}
			for _, p := range fe.Problems {
				if p.Msg == "" || p.Line < 0 {
					t.Fatalf("problem %+v", p)
				}
			}
			return
		}
		if len(set.Notices) == 0 {
			t.Fatal("accepted a file without notices")
		}
		if _, err := Read("again.json", data); err != nil {
			t.Fatalf("read once, refused again: %v", err)
		}
	})
}
