package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// Run with: go test ./store -run '^$' -bench . -benchtime 1x
// (each iteration imports 10,000 families; see docs/store.md for numbers).

// generatedFamily is the i-th of many distinct, valid case files, with
// grants spread over three years so that deadlines spread too.
func generatedFamily(i int) *reunite.Family {
	f := testFamily(fmt.Sprintf("Family%d", i), fmt.Sprintf("Given%d", i%977), fmt.Sprintf("A%09d", 100000000+i),
		reunite.NewDate(2024, 1, 1).AddDays(i%1095).String())
	f.Members[0].Name.Given = fmt.Sprintf("Spouse%d", i)
	return f
}

// benchFamilies is the size of the office of the benchmarks that say
// 10,000 families: 1,000 with -short.
func benchFamilies() int {
	if testing.Short() {
		return 1000
	}
	return 10000
}

// generatedFiles are the case files of the first n generated families,
// each changed by edit first unless it is nil, for an import.
func generatedFiles(b *testing.B, n int, edit func(i int, f *reunite.Family)) []ImportFile {
	b.Helper()
	files := make([]ImportFile, n)
	for i := range files {
		f := generatedFamily(i)
		if edit != nil {
			edit(i, f)
		}
		data, err := casefile.Encode(f)
		if err != nil {
			b.Fatal(err)
		}
		files[i] = ImportFile{Name: fmt.Sprintf("f%d.json", i), Data: data}
	}
	return files
}

// importAll imports files into a's office as reunite import does
// (ImportBatches, ImportBatch files a transaction), and returns the new
// families' ids in the files' order.
func importAll(b *testing.B, s *Store, a Actor, files []ImportFile) []string {
	b.Helper()
	ids := make([]string, 0, len(files))
	start := 0
	next := func() ([]ImportFile, bool) {
		batch := files[start:min(start+ImportBatch, len(files))]
		start += len(batch)
		return batch, len(batch) > 0
	}
	var failed error
	s.ImportBatches(context.Background(), a, "", next, func(rs []ImportResult) {
		for _, r := range rs {
			if r.Err != nil && failed == nil {
				failed = r.Err
			} else if r.Err == nil {
				ids = append(ids, r.Record.ID)
			}
		}
	})
	if failed != nil {
		b.Fatal(failed)
	}
	return ids
}

// benchOffice is a fresh, empty store of the engine with one office.
func benchOffice(b *testing.B, e Engine) (*Store, Actor) {
	b.Helper()
	s := newStore(b, e)
	a, err := s.CreateOrg(context.Background(), "Bench", NewUser{Login: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return s, a
}

// BenchmarkImport10000Families imports 10,000 case files (1,000 with
// -short) into a fresh office twice per iteration, on both engines: one
// transaction per file (ImportCaseFile, as the import was), then batches
// of ImportBatch files sharing a transaction with a savepoint each, the
// next prepared while one is written (ImportBatches, as reunite import
// does now), and reports both rates and their ratio.
func BenchmarkImport10000Families(b *testing.B) {
	n := benchFamilies()
	files := generatedFiles(b, n, nil)
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		ctx := context.Background()
		var single, batched, batchedCPU time.Duration
		for b.Loop() {
			b.StopTimer()
			s, a := benchOffice(b, e)
			b.StartTimer()
			t0 := time.Now()
			for _, f := range files {
				if _, err := s.ImportCaseFile(ctx, a, f.Name, f.Data); err != nil {
					b.Fatal(err)
				}
			}
			single += time.Since(t0)
			b.StopTimer()
			s, a = benchOffice(b, e)
			b.StartTimer()
			t0, c0 := time.Now(), processCPU()
			importAll(b, s, a, files)
			batched += time.Since(t0)
			batchedCPU += processCPU() - c0
		}
		k := float64(n) * float64(b.N)
		b.ReportMetric(k/single.Seconds(), "single-families/s")
		b.ReportMetric(k/batched.Seconds(), "batched-families/s")
		b.ReportMetric(float64(single)/float64(batched), "x-faster")
		// What one core's time would import: the rate on a machine
		// whose cores are not shared with other work is near it
		// times the cores (the files are prepared on every core).
		b.ReportMetric(float64(batchedCPU.Microseconds())/k, "batched-cpu-us/family")
	})
}

// seedFamilies puts n families into the store's organization directly, in
// large batches: the benchmark below measures the deadline query, and
// going through CreateFamily a hundred thousand times would only measure
// the import again. Labels are sealed as CreateFamily seals them.
func seedFamilies(b *testing.B, s *Store, a Actor, n int) {
	ctx := context.Background()
	const batch = 500
	for start := 0; start < n; start += batch {
		err := s.tx(ctx, func(t *txn) error {
			var (
				marks []string
				args  []any
			)
			for i := start; i < min(start+batch, n); i++ {
				id := newID("f")
				label, err := t.sealFor(ctx, a.org, []byte(fmt.Sprintf("Given%d Family%d", i, i)), aad("families", "label", id))
				if err != nil {
					return err
				}
				// Deadlines spread evenly over three years around the test day.
				fileBy := reunite.DateOf(testClock).AddDays(i%1095 - 365).String()
				marks = append(marks, "(?, ?, 1, ?, ?, ?, ?)")
				args = append(args, id, a.org, label, fileBy, micros(t.now), micros(t.now))
			}
			_, err := t.exec(ctx, `INSERT INTO families (id, org_id, version, label_enc, file_by, created_at, updated_at) VALUES `+
				strings.Join(marks, ", "), args...)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeadlinesNext60DaysOf100000 lists the deadlines of the next 60
// days among 100,000 families (about 5,550 of them), on both engines, and
// in the same loop its floor: the same rows read by the bare query, with no
// label opened and no audit entry written. It reports both times, their
// ratio and the CPU this process used per list.
func BenchmarkDeadlinesNext60DaysOf100000(b *testing.B) {
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		ctx := context.Background()
		s, a := benchOffice(b, e)
		seedFamilies(b, s, a, 100000)
		if e == Postgres {
			// What autovacuum does to a table once rows are inserted: its
			// statistics, and its pages marked all visible, without which
			// the planner cannot count on an index-only scan. Autovacuum
			// itself would come up to a minute later, after the benchmark.
			if _, err := s.db.Exec("VACUUM ANALYZE families"); err != nil {
				b.Fatal(err)
			}
		}
		today := reunite.DateOf(testClock)
		floorQuery := s.q(`SELECT f.id, f.version, f.label_enc, f.file_by, f.updated_at FROM families f
				WHERE f.org_id = ? AND f.file_by >= ? AND f.file_by <= ? ORDER BY f.file_by, f.id`)
		var got, floorRows int
		var list, floor, cpu time.Duration
		for b.Loop() {
			t0, c0 := time.Now(), processCPU()
			l, err := s.Deadlines(ctx, a, today, today.AddDays(60))
			if err != nil {
				b.Fatal(err)
			}
			list += time.Since(t0)
			cpu += processCPU() - c0
			got = len(l)
			t0 = time.Now()
			rows, err := s.db.QueryContext(ctx, floorQuery, a.org, today.String(), today.AddDays(60).String())
			if err != nil {
				b.Fatal(err)
			}
			floorRows = 0
			for rows.Next() {
				floorRows++
			}
			rows.Close()
			floor += time.Since(t0)
		}
		if got < 5000 || got > 6000 || floorRows != got {
			b.Fatalf("listed %d families (the bare query %d), want about 100000*61/1095", got, floorRows)
		}
		n := float64(b.N)
		b.ReportMetric(float64(got), "families/op")
		b.ReportMetric(list.Seconds()*1000/n, "list-ms")
		b.ReportMetric(floor.Seconds()*1000/n, "floor-ms")
		b.ReportMetric(float64(list)/float64(floor), "x-floor")
		b.ReportMetric(cpu.Seconds()*1000/n, "list-cpu-ms")
	})
}
