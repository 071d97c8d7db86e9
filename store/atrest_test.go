package store

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// secrets are facts of the test office that must never be found in clear
// in the database files or a backup.
var secrets = []string{
	"Tesfaye", "Selam", "201234567", "123-45-6789", "Elm St", "Oakland",
	"Haile", "Dawit", "Adi Keyh", "Okonkwo", "087654321",
	"marriage.pdf", "%PDF-1.7 certificate", "I-730 mailed", "Ask for the marriage",
	"Admin of", "1985-04-12", "1983-09-01",
	// Notes, messages and tasks (notes.go, tasks.go).
	"Hiding near the Kassala camp", "new phone 0912", "Renew the UNHCR card",
}

// findSecrets returns the secrets found in data.
func findSecrets(data []byte) []string {
	var found []string
	for _, s := range secrets {
		if bytes.Contains(data, []byte(s)) {
			found = append(found, s)
		}
	}
	return found
}

// TestNothingInClearAtRest writes an office's families, documents, events
// and tasks, then reads every byte of the database files (SQLite's file and
// WAL; PostgreSQL's whole data directory, WAL included) and a backup, and
// finds none of the names, numbers, addresses or texts.
func TestNothingInClearAtRest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "rest")
		plantNotes(t, s, tg.o)
		// The search index must still work on what is sealed.
		if got, err := s.SearchFamilies(ctx, mustActor(t, s, "rest-representative"), "tesfaye"); err != nil || len(got) != 1 {
			t.Fatalf("search: %v, %v", got, err)
		}
		var files []string
		if e == SQLite {
			files, _ = filepath.Glob(s.Path() + "*")
		} else {
			if _, err := s.db.Exec("CHECKPOINT"); err != nil {
				t.Fatal(err)
			}
			// This database's own files, and the write-ahead log that all
			// databases of the cluster share.
			var oid int64
			if err := s.db.QueryRow("SELECT oid FROM pg_database WHERE datname = current_database()").Scan(&oid); err != nil {
				t.Fatal(err)
			}
			for _, dir := range []string{filepath.Join(pg.DataDir(), "base", strconv.FormatInt(oid, 10)), filepath.Join(pg.DataDir(), "pg_wal")} {
				filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
					if err == nil && d.Type().IsRegular() {
						files = append(files, p)
					}
					return nil
				})
			}
		}
		var total int64
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				continue // PostgreSQL may remove a file as we walk
			}
			total += int64(len(data))
			if found := findSecrets(data); found != nil {
				t.Errorf("%s holds in clear: %s", f, strings.Join(found, ", "))
			}
		}
		// The check must be able to fail: the login, kept in clear, is there.
		all := []byte{}
		for _, f := range files {
			data, _ := os.ReadFile(f)
			all = append(all, data...)
		}
		if !bytes.Contains(all, []byte("rest-representative")) {
			t.Fatalf("read %d bytes of %d files and did not find even the login: the test reads the wrong files", total, len(files))
		}

		var backup bytes.Buffer
		if _, err := s.Backup(ctx, &backup); err != nil {
			t.Fatal(err)
		}
		if found := findSecrets(backup.Bytes()); found != nil {
			t.Errorf("the backup holds in clear: %s", strings.Join(found, ", "))
		}
		// Inside the backup's encryption, sealed fields stay sealed.
		id, _ := age.NewScryptIdentity(backupPassphrase(s.keys.Current))
		r, err := age.Decrypt(&backup, id)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(r)
		if !bytes.Contains(plain, []byte("rest-representative")) {
			t.Fatal("the decrypted backup does not hold the login: wrong passphrase?")
		}
		if found := findSecrets(plain); found != nil {
			t.Errorf("the decrypted backup holds in clear: %s", strings.Join(found, ", "))
		}
	})
}

func mustActor(t *testing.T, s *Store, login string) Actor {
	t.Helper()
	a, err := s.ActorByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// plantNotes writes a partner's note through a share, a client's message
// and an assigned task about a relative, for the search of the files.
func plantNotes(t *testing.T, s *Store, o *office) {
	ctx := context.Background()
	partner := newOffice(t, s, "partner")
	if _, err := s.ShareFamily(ctx, o.rep, NewShare{FamilyID: o.family.ID, PartnerOrgID: partner.admin.OrgID(),
		Members: []string{"husband"}, Access: AccessWrite, ExpiresAt: testClock.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, partner.worker, o.family.ID, "husband", "Hiding near the Kassala camp"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SendMessage(ctx, o.client, o.family.ID, "Our new phone 0912"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTaskFor(ctx, o.worker, NewTask{FamilyID: o.family.ID, MemberID: "husband", Title: "Renew the UNHCR card",
		Due: date("2026-04-01"), AssigneeID: o.rep.UserID()}); err != nil {
		t.Fatal(err)
	}
}
