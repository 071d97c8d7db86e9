package store

import (
	"bytes"
	"context"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// TestOfficeWordsFollowTheFamilies changes families in every way that
// moves their office row or their blind index (a new family, a renamed
// relative, a new deadline, verdict counts recorded for a family from
// before them) and after each step checks, on both engines, that
// office_words and office_word_counts hold exactly what they derive from
// (checkOfficeWords) and that a search by one word finds what it should;
// then that a restore builds them again.
func TestOfficeWordsFollowTheFamilies(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		key := testKey(t)
		s := openAt(t, newDSN(t, e), Keys{Current: key})
		a, err := s.CreateOrg(ctx, "Office", NewUser{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		today := reunite.NewDate(2026, 3, 2)
		search := func(t *testing.T, st *Store, a Actor, word string, want int) []OfficeFamily {
			t.Helper()
			res, err := st.OfficePage(ctx, a, OfficeQuery{Today: today, SoonDays: 90, Search: word, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if res.Shown != want || len(res.Rows) != want {
				t.Fatalf("search %q: shown %d, %d rows, want %d", word, res.Shown, len(res.Rows), want)
			}
			return res.Rows
		}
		var ids []string
		for i := range 6 {
			rec, err := s.CreateFamily(ctx, a, generatedFamily(i*200))
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, rec.ID)
		}
		checkOfficeWords(t, s)
		search(t, s, a, "Haile", 6)

		// update saves a new version of a family, changed by change.
		update := func(id string, change func(f *reunite.Family)) {
			t.Helper()
			rec, err := s.Family(ctx, a, id)
			if err != nil {
				t.Fatal(err)
			}
			change(rec.Family)
			if _, err := s.UpdateFamily(ctx, a, id, rec.Version, rec.Family); err != nil {
				t.Fatal(err)
			}
		}

		// The first family's spouse takes another surname: the word's
		// count and rows follow, the new word finds it alone.
		update(ids[0], func(f *reunite.Family) { f.Members[0].Name.Family = "Tesfamariam" })
		checkOfficeWords(t, s)
		search(t, s, a, "Haile", 5)
		if rows := search(t, s, a, "tesfamariam", 1); rows[0].ID != ids[0] || rows[0].Version != 2 {
			t.Fatalf("the renamed family: %+v", rows[0])
		}

		// The principal's name is the row's label: a new version shows the
		// new one, though the old one was read (and kept) before.
		if rows := search(t, s, a, "tesfamariam", 1); rows[0].Label != "Given0 Family0" {
			t.Fatalf("label %q", rows[0].Label)
		}
		update(ids[0], func(f *reunite.Family) { f.Principal.Name.Given = "Selam" })
		if rows := search(t, s, a, "tesfamariam", 1); rows[0].Label != "Selam Family0" {
			t.Fatalf("label after a new version: %q", rows[0].Label)
		}

		// The last family's deadline passes: it comes first in the word's
		// urgent order, as in the office view's.
		update(ids[5], func(f *reunite.Family) {
			f.Principal.StatusDate = reunite.NewDate(2023, 9, 1) // the earliest deadline of all
		})
		checkOfficeWords(t, s)
		if rows := search(t, s, a, "Haile", 5); rows[0].ID != ids[5] {
			t.Fatalf("a passed deadline is not first: %v first", rows[0].ID)
		}

		// A principal's search stays within their own family: the word's
		// count is the office's, so theirs is counted apart.
		cid, err := s.CreateUser(ctx, a, NewUser{Login: "principal", Name: "Principal", Role: RoleClient, FamilyID: ids[1]})
		if err != nil {
			t.Fatal(err)
		}
		client, err := s.ActorFor(ctx, cid)
		if err != nil {
			t.Fatal(err)
		}
		if rows := search(t, s, client, "Haile", 1); rows[0].ID != ids[1] {
			t.Fatalf("a principal found %s", rows[0].ID)
		}
		search(t, s, client, "tesfamariam", 0)
		search(t, s, client, "haile SPOUSE200", 1)
		search(t, s, client, "Haile Spouse400", 0)

		// Several words: read through the rarer, every other one tested.
		search(t, s, a, "haile SPOUSE200", 1)
		search(t, s, a, "Haile Tesfamariam", 0)
		search(t, s, a, "Selam Tesfamariam", 1)

		// A family whose verdict counts are stale (saved before they were
		// kept with every version) has them recorded again by the first
		// office page, and its words follow its row.
		review := func() (n int) {
			t.Helper()
			if err := s.db.QueryRow(s.q(`SELECT MIN(review) FROM office_words WHERE family_id = ?`), ids[2]).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		was := review()
		if _, err := s.db.Exec(s.q(`UPDATE web_family_verdicts SET review = review + 5, version = 0 WHERE family_id = ?`), ids[2]); err != nil {
			t.Fatal(err)
		}
		if err := s.tx(ctx, func(tx *txn) error { return tx.reindexOffice(ctx, ids[2]) }); err != nil {
			t.Fatal(err)
		}
		checkOfficeWords(t, s)
		if review() != was+5 {
			t.Fatalf("words not re-derived with the row: review %d, want %d", review(), was+5)
		}
		s.verdictsChecked.Clear()
		search(t, s, a, "Haile", 5)
		checkOfficeWords(t, s)
		if review() != was {
			t.Fatalf("stale counts not recorded again: review %d, want %d", review(), was)
		}

		// An import re-derives a batch's families together: four new
		// families sharing the word, and one sharing a given name with
		// another of the batch, each counted once per family.
		var files []ImportFile
		for i := range 5 {
			f := generatedFamily(1200 + i*200)
			if i == 4 {
				f.Members[0].Name.Given = "Spouse1400"
			}
			data, err := casefile.Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, ImportFile{Name: "batch.json", Data: data})
		}
		for _, r := range s.ImportCaseFiles(ctx, a, files, "") {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
		checkOfficeWords(t, s)
		checkOfficeIndex(t, s, "after an import's batch")
		search(t, s, a, "Haile", 10)
		search(t, s, a, "spouse1400", 2)

		// A restore builds them from the restored families.
		var buf bytes.Buffer
		if _, err := s.Backup(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, newDSN(t, e), Keys{Current: key})
		if _, err := dst.Restore(ctx, bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatal(err)
		}
		checkOfficeWords(t, dst)
		search(t, dst, mustActor(t, dst, "admin"), "Haile", 10)
	})
}

// checkOfficeWords fails t unless office_words holds exactly the rows it
// derives from office_rows and family_index, and office_word_counts the
// number of families of each word, and no row for a word no family holds.
func checkOfficeWords(t *testing.T, s *Store) {
	t.Helper()
	derived := `SELECT DISTINCT o.family_id, i.hash, o.org_id, o.version, o.file_by, o.neg_updated, o.eligible, o.review, o.ineligible
		FROM office_rows o JOIN family_index i ON i.family_id = o.family_id`
	stored := `SELECT family_id, hash, org_id, version, file_by, neg_updated, eligible, review, ineligible FROM office_words`
	counted := `SELECT org_id, hash, COUNT(*) FROM office_words GROUP BY org_id, hash`
	kept := `SELECT org_id, hash, families FROM office_word_counts`
	var rows int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM office_words`).Scan(&rows); err != nil || rows == 0 {
		t.Fatalf("office_words: %d rows, %v", rows, err)
	}
	for _, q := range []struct{ what, query string }{
		{"rows of office_words not derived", stored + ` EXCEPT ` + derived},
		{"derived rows missing from office_words", derived + ` EXCEPT ` + stored},
		{"words miscounted", counted + ` EXCEPT ` + kept},
		{"counts of words no family holds", kept + ` EXCEPT ` + counted},
	} {
		var n int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM (` + q.query + `) x`).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q.what, err)
		}
		if n != 0 {
			t.Errorf("%s: %d", q.what, n)
		}
	}
}
