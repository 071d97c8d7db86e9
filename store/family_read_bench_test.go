package store

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkFamilyRead10000Families reads the latest version of families
// chosen at random among 10,000 (1,000 with -short), on both engines, as
// every dashboard does first (Store.Family: the statement, the case file
// opened and decoded, the audit entry handed over). Random families, so
// that the pages of a large office are not all in SQLite's cache: each
// read is as far from the last as a busy office's are. It reports the
// time and the statements of one read.
//
//	go test ./store -run '^$' -bench FamilyRead -benchtime 20000x
func BenchmarkFamilyRead10000Families(b *testing.B) {
	n := benchFamilies()
	files := generatedFiles(b, n, nil)
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		ctx := context.Background()
		s, a := benchOffice(b, e)
		ids := importAll(b, s, a, files)
		r := rand.New(rand.NewPCG(1, 2))
		statements := s.Statements()
		for b.Loop() {
			id := ids[r.IntN(len(ids))]
			rec, err := s.Family(ctx, a, id)
			if err != nil {
				b.Fatal(err)
			}
			if rec.ID != id || rec.Version != 1 || rec.FileBy.IsZero() {
				b.Fatalf("read %s: got %s version %d, deadline %v", id, rec.ID, rec.Version, rec.FileBy)
			}
		}
		b.ReportMetric(float64(s.Statements()-statements)/float64(b.N), "statements/read")
	})
}
