package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

// documentNames lists the names of a family's documents, read under ctx.
func documentNames(t *testing.T, s *Store, ctx context.Context, a Actor, family string) []string {
	t.Helper()
	docs, err := s.Documents(ctx, a, family)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.Name)
	}
	return out
}

// connsInUse fails the test unless the pool has want connections out once
// the writer of reads has committed the entries handed to it (it takes a
// connection of its own for that).
func connsInUse(t *testing.T, s *Store, want int, when string) {
	t.Helper()
	if err := s.flushReads(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := s.db.Stats().InUse; got != want {
		t.Fatalf("%s: %d connections in use, want %d", when, got, want)
	}
}

// TestGatheredReadsShareOneSnapshot: on SQLite the reads of a page
// (GatherReads) are made in one transaction: a document added while the
// page is computed is in none of its reads, and in the reads made after
// LogGathered, which gives the connection back. The actor's right to see
// the family is looked up once for the page.
func TestGatheredReadsShareOneSnapshot(t *testing.T) {
	t.Parallel()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "us")
	fam := o.family.ID
	ctx := GatherReads(context.Background())
	if _, err := s.Family(ctx, o.worker, fam); err != nil {
		t.Fatal(err)
	}
	connsInUse(t, s, 1, "between the page's reads")
	// The same read on its own, of the same state (no document yet),
	// checks again that the actor sees the family: in the page, that was
	// checked with the case file.
	n0 := s.Statements()
	documentNames(t, s, context.Background(), o.worker, fam)
	alone := s.Statements() - n0
	if _, err := s.AddDocument(context.Background(), o.worker, fam, "passport.pdf", "application/pdf", []byte("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	n0 = s.Statements()
	if got := documentNames(t, s, ctx, o.worker, fam); len(got) != 0 {
		t.Errorf("the page read %q, added after its first read; want the state of its first read", got)
	}
	if inPage := s.Statements() - n0; inPage != alone-1 {
		t.Errorf("the documents read in the page sent %d statements, alone %d; want one fewer in the page", inPage, alone)
	}
	if err := s.LogGathered(ctx); err != nil {
		t.Fatal(err)
	}
	connsInUse(t, s, 0, "after LogGathered")
	if got := documentNames(t, s, ctx, o.worker, fam); !slices.Equal(got, []string{"passport.pdf"}) {
		t.Errorf("after LogGathered the page read %q, want the new document", got)
	}
	connsInUse(t, s, 0, "after a read made after LogGathered")

	// Another actor of the page (a client of another family) is looked
	// up on its own: what one actor may see says nothing of another.
	ctx = GatherReads(context.Background())
	defer s.LogGathered(ctx)
	if _, err := s.Family(ctx, o.worker, o.other.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Documents(ctx, o.client, o.other.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("a client reading another family in a page's shared read: %v, want ErrNotFound", err)
	}
}

// TestSharedReadEndsWithAFailedRead: a read that fails ends the page's
// transaction and gives its connection back; the reads after it run on
// their own and see what was committed since.
func TestSharedReadEndsWithAFailedRead(t *testing.T) {
	t.Parallel()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "us")
	fam := o.family.ID
	ctx := GatherReads(context.Background())
	defer s.LogGathered(ctx)
	if _, err := s.Family(ctx, o.worker, fam); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Family(ctx, o.worker, "no-such-family"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("reading a family that does not exist: %v, want ErrNotFound", err)
	}
	connsInUse(t, s, 0, "after a failed read")
	if _, err := s.AddDocument(context.Background(), o.worker, fam, "birth.pdf", "application/pdf", []byte("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	if got := documentNames(t, s, ctx, o.worker, fam); !slices.Equal(got, []string{"birth.pdf"}) {
		t.Errorf("after the failed read the page read %q, want the new document", got)
	}
}

// TestSharedReadFromGoroutines: reads of one page made at once from
// several goroutines (one runs in the shared transaction, the others in
// transactions of their own) all succeed, and LogGathered leaves no
// connection out. Run with -race.
func TestSharedReadFromGoroutines(t *testing.T) {
	t.Parallel()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "us")
	ctx := GatherReads(context.Background())
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fam := o.family.ID
			if i%2 == 1 {
				fam = o.other.ID
			}
			if _, err := s.Family(ctx, o.worker, fam); err != nil {
				errs <- err
			}
			if _, err := s.Documents(ctx, o.worker, fam); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := s.LogGathered(ctx); err != nil {
		t.Fatal(err)
	}
	connsInUse(t, s, 0, "after LogGathered")
}

// TestSharedReadAfterAPanic: a read that panics in the page's transaction
// closes its connection (in an unknown state) instead of keeping it for
// the page or giving it back to the pool; the page's later reads run on
// their own.
func TestSharedReadAfterAPanic(t *testing.T) {
	t.Parallel()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "us")
	ctx := GatherReads(context.Background())
	defer s.LogGathered(ctx)
	if _, err := s.Family(ctx, o.worker, o.family.ID); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the read did not panic")
			}
		}()
		s.readTx(ctx, func(*txn) error { panic("a bug in a read") })
	}()
	connsInUse(t, s, 0, "after a read panicked")
	if got := documentNames(t, s, ctx, o.worker, o.family.ID); len(got) != 0 {
		t.Errorf("after the panic the page read %q, want no documents", got)
	}
	connsInUse(t, s, 0, "after a read made after the panic")
}
