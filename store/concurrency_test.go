package store

import (
	"context"
	"sync"
	"testing"
)

// TestSharedDatabase has two stores, as two server processes would, write
// to one database at once: every write lands and the audit chain stays one
// unbroken chain.
func TestSharedDatabase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		keys := Keys{Current: testKey(t)}
		first := openAt(t, dsn, keys)
		o := newOffice(t, first, "shared")
		second := openAt(t, dsn, keys)
		const each = 15
		var wg sync.WaitGroup
		errs := make(chan error, 4*each)
		for _, s := range []*Store{first, second, first, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					rec, err := s.CreateFamily(ctx, o.worker, generatedFamily(i))
					if err == nil {
						_, err = s.Family(ctx, o.rep, rec.ID)
					}
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		all, err := second.Families(ctx, o.admin, 0, 0)
		if err != nil || len(all) != 2+4*each {
			t.Errorf("%d families, want %d (%v)", len(all), 2+4*each, err)
		}
		// The other process's reads are logged before the check reads the
		// log: otherwise its writer's last batch may land between the
		// entries and the head the check reads.
		if err := second.flushReads(ctx); err != nil {
			t.Fatal(err)
		}
		if r, err := first.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Errorf("audit after concurrent writers: %v, %v", r.Problems, err)
		}
	})
}

// TestVerifyAuditWhileAnotherWrites checks the log again and again while
// another store (another server) keeps appending to it: every check sees
// one moment of the log, so none reports the newest entries deleted.
func TestVerifyAuditWhileAnotherWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		keys := Keys{Current: testKey(t)}
		checker := openAt(t, dsn, keys)
		o := newOffice(t, checker, "verify")
		writer := openAt(t, dsn, keys)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := writer.CreateFamily(ctx, o.worker, generatedFamily(i)); err != nil {
					t.Error(err)
					return
				}
			}
		})
		for range 300 {
			if r, err := checker.VerifyAudit(ctx); err != nil || !r.OK() {
				t.Errorf("audit checked while another store writes: %v, %v", r.Problems, err)
				break
			}
		}
		close(stop)
		wg.Wait()
	})
}
