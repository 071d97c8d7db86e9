package store

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
)

// TestBackupRestore backs up a store from each engine and restores it into
// a fresh store of each engine: the families, documents and audit chain
// come back whole and readable with the same master key.
func TestBackupRestore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, from Engine) {
		ctx := context.Background()
		key := testKey(t)
		src := openAt(t, newDSN(t, from), Keys{Current: key})
		tg := newTarget(t, src, "bk")
		var buf bytes.Buffer
		rows, err := src.Backup(ctx, &buf)
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range engineList {
			if to == Postgres && pg == nil {
				continue
			}
			t.Run("to "+string(to), func(t *testing.T) {
				dst := openAt(t, newDSN(t, to), Keys{Current: key})
				n, err := dst.Restore(ctx, bytes.NewReader(buf.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				if n != rows {
					t.Errorf("restored %d rows of %d", n, rows)
				}
				a := mustActor(t, dst, "bk-representative")
				rec, err := dst.Family(ctx, a, tg.o.family.ID)
				if err != nil || rec.Family.Principal.Name.Family != "Tesfaye" {
					t.Fatalf("restored family: %v", err)
				}
				_, content, err := dst.DocumentContent(ctx, a, tg.doc)
				if err != nil || string(content) != "%PDF-1.7 certificate" {
					t.Errorf("restored document: %q, %v", content, err)
				}
				if got, err := dst.SearchFamilies(ctx, a, "Okonkwo"); err != nil || len(got) != 1 {
					t.Errorf("search in the restored store: %d, %v", len(got), err)
				}
				r, err := dst.VerifyAudit(ctx)
				if err != nil || !r.OK() {
					t.Errorf("audit after restore: %v, %v", r.Problems, err)
				}
				// A second restore into the same store is refused.
				if _, err := dst.Restore(ctx, bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrConflict) {
					t.Errorf("restore into a store with data: %v", err)
				}
			})
		}
	})
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		key := testKey(t)
		src := openAt(t, newDSN(t, e), Keys{Current: key})
		newTarget(t, src, "bad")
		var buf bytes.Buffer
		if _, err := src.Backup(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		plain := decryptBackup(t, buf.Bytes(), key)
		lines := strings.SplitAfter(string(plain), "\n")
		cut := strings.Join(lines[:len(lines)/2], "")
		for _, tc := range []struct {
			name string
			data []byte
			key  *MasterKey
			want string
		}{
			{"another key", buf.Bytes(), testKey(t), "not made with this master key"},
			{"not age", []byte("hello"), key, "not a Reunite backup"},
			{"cut short", encryptBackup(t, []byte(cut), key), key, "cut short"},
			{"wrong row", encryptBackup(t, []byte(strings.Replace(string(plain), `{"table":"orgs","row":["`, `{"table":"orgs","row":[1,"`, 1)), key), key, "orgs row has 4 values"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				dst := openAt(t, newDSN(t, e), Keys{Current: tc.key})
				_, err := dst.Restore(ctx, bytes.NewReader(tc.data))
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("restore: %v, want an error with %q", err, tc.want)
				}
				var n int
				dst.db.QueryRow(`SELECT (SELECT COUNT(*) FROM orgs) + (SELECT COUNT(*) FROM audit_log)`).Scan(&n)
				if n != 0 {
					t.Errorf("a refused restore left %d rows", n)
				}
			})
		}
	})
}

func decryptBackup(t testing.TB, data []byte, k *MasterKey) []byte {
	id, _ := age.NewScryptIdentity(backupPassphrase(k))
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(r)
	return out
}

func encryptBackup(t testing.TB, plain []byte, k *MasterKey) []byte {
	r, _ := age.NewScryptRecipient(backupPassphrase(k))
	r.SetWorkFactor(backupWorkFactor)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	w.Close()
	return buf.Bytes()
}

// TestBackupTablesMatchSchema checks that the backup names every column of
// every table, so that a migration that adds one cannot silently drop it
// from backups.
func TestBackupTablesMatchSchema(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		s := newStore(t, e)
		q := `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'goose_db_version'`
		if e == SQLite {
			q = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'goose_db_version'`
		}
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		have := map[string]bool{}
		skipped := map[string]bool{}
		for _, tb := range notBackedUp {
			skipped[tb] = true
		}
		for _, c := range notBackedUpColumns {
			skipped[c] = true
		}
		for _, tb := range backupTables {
			for _, c := range tb.cols {
				have[tb.name+"."+c] = true
			}
		}
		n := 0
		for rows.Next() {
			var tb, c string
			rows.Scan(&tb, &c)
			n++
			if skipped[tb] || skipped[tb+"."+c] {
				continue
			}
			if !have[tb+"."+c] {
				t.Errorf("column %s.%s is not backed up", tb, c)
			}
			delete(have, tb+"."+c)
		}
		for c := range have {
			t.Errorf("backup names %s, which the schema lacks", c)
		}
		if n == 0 {
			t.Fatal("read no columns")
		}
	})
}

// TestBackupWhileWriting takes a backup while two writers keep adding
// families: the backup must be one consistent moment (its audit chain ends
// at its head, every family has all its versions) and restore whole.
func TestBackupWhileWriting(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		key := testKey(t)
		s := openAt(t, newDSN(t, e), Keys{Current: key})
		o := newOffice(t, s, "live")
		stop := make(chan struct{})
		errs := make(chan error, 2)
		started := make(chan struct{}, 2)
		for w := 0; w < 2; w++ {
			go func() {
				// A writer that fails early must not leave the test waiting.
				defer func() {
					select {
					case started <- struct{}{}:
					default:
					}
				}()
				for i := 0; ; i++ {
					select {
					case <-stop:
						errs <- nil
						return
					default:
					}
					rec, err := s.CreateFamily(ctx, o.worker, generatedFamily(i))
					if err == nil {
						f := *rec.Family
						f.Principal.Phone = "+1 510 555 0199"
						_, err = s.UpdateFamily(ctx, o.rep, rec.ID, 1, &f)
					}
					if err != nil {
						errs <- err
						return
					}
					if i == 2 {
						started <- struct{}{}
					}
				}
			}()
		}
		<-started
		<-started
		var buf bytes.Buffer
		for round := 0; round < 3; round++ {
			buf.Reset()
			if _, err := s.Backup(ctx, &buf); err != nil {
				t.Fatal(err)
			}
		}
		close(stop)
		for w := 0; w < 2; w++ {
			if err := <-errs; err != nil {
				t.Fatalf("writer: %v", err)
			}
		}
		dst := openAt(t, newDSN(t, e), Keys{Current: key})
		if _, err := dst.Restore(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		if r, err := dst.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Fatalf("audit of a backup taken while writing: %v, %v", r.Problems, err)
		}
		var broken int
		if err := dst.db.QueryRow(`SELECT COUNT(*) FROM families f WHERE f.version <>
			(SELECT COUNT(*) FROM family_versions v WHERE v.family_id = f.id)`).Scan(&broken); err != nil || broken != 0 {
			t.Errorf("%d families of the backup lack versions (%v)", broken, err)
		}
	})
}
