package store

import (
	"context"
	"database/sql"
)

// The office view reads office_rows (migration 00171), one row per family
// with its deadline, last change and verdict counts, and office_counts, the
// number of families per office and count of findings to review. Both are
// derived from families and web_family_verdicts: every verdict count
// recorded (recordVerdicts: with every version, and for an old family the
// first time it is seen) re-derives the family's row and moves its count
// in the same transaction; both are built once for a database from before
// them (buildOnce) and again by Restore.
//
// Today's date ranks the families ("late", "soon", the rest), so no stored
// key can hold the rank; instead a page is read as the concatenation of a
// few cells, each a range of an index in the view's order: for the urgent
// order, one cell per rank and number of findings (most first), each in
// deadline order. A page reads its own rows and a short seek per empty
// cell, not the office.
//
// No statistics are gathered for SQLite's planner (no ANALYZE, no PRAGMA
// optimize): each query of the view is written so that the plan SQLite
// takes without them is the right one (an index read in the view's
// order, a search's other words tested by one seek per family).
// Statistics describe what the tables held when gathered (nothing, in a
// new office, until the next run), and they would move the plans of every
// other query of the database too, and with a plan the order of the rows
// a query does not sort completely.

// noDeadline stands for a family without a filing deadline in office_rows.
const noDeadline = "9999-12-31"

const officeRowsInsert = `INSERT INTO office_rows (family_id, org_id, version, file_by, neg_updated, eligible, review, ineligible)
	SELECT f.id, f.org_id, f.version, COALESCE(f.file_by, '` + noDeadline + `'), -f.updated_at,
		COALESCE(v.eligible, 0), COALESCE(v.review, 0), COALESCE(v.ineligible, 0)
	FROM families f LEFT JOIN web_family_verdicts v ON v.family_id = f.id WHERE `

// reindexOffice re-derives a family's row of office_rows and moves it
// between the counts of office_counts.
func (t *txn) reindexOffice(ctx context.Context, family string) error {
	type key struct {
		org    string
		review int
	}
	read := func() (k key, ok bool, err error) {
		err = t.queryRow(ctx, `/* store.reindexOffice */ SELECT org_id, review FROM office_rows WHERE family_id = ?`, family).Scan(&k.org, &k.review)
		if err == sql.ErrNoRows {
			return k, false, nil
		}
		return k, err == nil, err
	}
	before, had, err := read()
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `/* store.reindexOffice */ DELETE FROM office_rows WHERE family_id = ?`, family); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `/* store.reindexOffice */ `+officeRowsInsert+`f.id = ?`, family); err != nil {
		return err
	}
	if err := t.reindexWords(ctx, family); err != nil {
		return err
	}
	after, has, err := read()
	if err != nil || (had && has && before == after) {
		return err
	}
	if had {
		if _, err := t.exec(ctx, `/* store.reindexOffice */ UPDATE office_counts SET families = families - 1 WHERE org_id = ? AND review = ?`,
			before.org, before.review); err != nil {
			return err
		}
	}
	if has {
		_, err = t.exec(ctx, `/* store.reindexOffice */
			INSERT INTO office_counts (org_id, review, families) VALUES (?, ?, 1)
			ON CONFLICT (org_id, review) DO UPDATE SET families = office_counts.families + 1`, after.org, after.review)
	}
	return err
}

// indexNewFamilies derives the office rows and words of families created
// in this transaction, and adds them to the counts: one statement per
// table for all of them, where reindexOffice takes about ten per family. New
// families have nothing to take out first. Inside a transaction SQLite
// copies each page a statement changes into a journal of the statement,
// so that the statement alone can be undone: statements per family copied
// the same index pages once per family (a tenth of an import's writing).
func (t *txn) indexNewFamilies(ctx context.Context, vs []*versionRows) error {
	return inIDChunks(vs, maxParams, func(in string, ids []any) error {
		for _, q := range []string{
			officeRowsInsert + `f.id IN ` + in,
			`INSERT INTO office_counts (org_id, review, families)
				SELECT org_id, review, COUNT(*) FROM office_rows WHERE family_id IN ` + in + ` GROUP BY org_id, review
				ON CONFLICT (org_id, review) DO UPDATE SET families = office_counts.families + excluded.families`,
			officeWordsInsert + `o.family_id IN ` + in,
			`INSERT INTO office_word_counts (org_id, hash, families)
				SELECT org_id, hash, COUNT(*) FROM office_words WHERE family_id IN ` + in + ` GROUP BY org_id, hash
				ON CONFLICT (org_id, hash) DO UPDATE SET families = office_word_counts.families + excluded.families`,
		} {
			if _, err := t.exec(ctx, `/* store.indexNewFamilies */ `+q, ids...); err != nil {
				return err
			}
		}
		return nil
	})
}

// A search by one word reads office_words (migration 00210): a family's
// office row once per hash of its blind index, indexed by office, hash
// and the urgent order, so that the families a word matches are read a
// page at a time in the view's order, as office_rows is without a search;
// office_word_counts holds how many families each hash matches. Both are
// re-derived for a family with its office row (reindexOffice), that is
// after its blind index was written (writeVersions), and built with
// office_rows.

// officeWordsInsert derives office_words from office_rows and family_index
// (which holds each family's hashes once; DISTINCT for rows written
// before it did).
const officeWordsInsert = `INSERT INTO office_words (family_id, hash, org_id, version, file_by, neg_updated, eligible, review, ineligible)
	SELECT DISTINCT o.family_id, i.hash, o.org_id, o.version, o.file_by, o.neg_updated, o.eligible, o.review, o.ineligible
	FROM office_rows o JOIN family_index i ON i.family_id = o.family_id WHERE `

// reindexWords re-derives a family's rows of office_words from its office
// row and blind index, and moves its words' counts.
func (t *txn) reindexWords(ctx context.Context, family string) error {
	for _, q := range []string{
		`UPDATE office_word_counts SET families = families - 1
			WHERE (org_id, hash) IN (SELECT org_id, hash FROM office_words WHERE family_id = ?)`,
		// A word no family holds any more leaves no trace (the insert
		// below brings back those this family still holds).
		`DELETE FROM office_word_counts WHERE families = 0
			AND (org_id, hash) IN (SELECT org_id, hash FROM office_words WHERE family_id = ?)`,
		`DELETE FROM office_words WHERE family_id = ?`,
		officeWordsInsert + `o.family_id = ?`,
		`INSERT INTO office_word_counts (org_id, hash, families)
			SELECT org_id, hash, 1 FROM office_words WHERE family_id = ?
			ON CONFLICT (org_id, hash) DO UPDATE SET families = office_word_counts.families + 1`,
	} {
		if _, err := t.exec(ctx, `/* store.reindexWords */ `+q, family); err != nil {
			return err
		}
	}
	return nil
}

// rebuildOfficeRows derives the whole of office_rows and office_counts,
// and of office_words and office_word_counts, again and records that they
// were built.
func (t *txn) rebuildOfficeRows(ctx context.Context) error {
	for _, q := range []string{
		`DELETE FROM office_word_counts`,
		`DELETE FROM office_words`,
		`DELETE FROM office_counts`,
		`DELETE FROM office_rows`,
		officeRowsInsert + `1 = 1`,
		`INSERT INTO office_counts (org_id, review, families) SELECT org_id, review, COUNT(*) FROM office_rows GROUP BY org_id, review`,
		officeWordsInsert + `1 = 1`,
		`INSERT INTO office_word_counts (org_id, hash, families) SELECT org_id, hash, COUNT(*) FROM office_words GROUP BY org_id, hash`,
	} {
		if _, err := t.exec(ctx, `/* store.rebuildOfficeRows */ `+q); err != nil {
			return err
		}
	}
	return t.markBuilt(ctx, "office_rows")
}

// officeCell is one range of office_rows in the view's order: a condition
// and the order within it.
type officeCell struct {
	where     string
	args      []any
	order     string
	orderArgs []any
}

// officeCells lists the cells of an order, in order. maxReview is the most
// findings to review of any family of the office. few says the rows are
// few (those of a search): the urgent order is then one cell ranked by
// an expression and sorted, cheaper than a query per cell.
func officeCells(sort, today, soon string, maxReview int, few bool) []officeCell {
	byDeadline := `o.file_by, o.family_id`
	switch sort {
	case "deadline":
		return []officeCell{{`1 = 1`, nil, byDeadline, nil}}
	case "updated":
		return []officeCell{{`1 = 1`, nil, `o.neg_updated, o.family_id`, nil}}
	}
	if few {
		return []officeCell{{`1 = 1`, nil, `CASE WHEN o.file_by < ? THEN 0 WHEN o.file_by <= ? THEN 1 ELSE 2 END, o.review DESC, ` + byDeadline,
			[]any{today, soon}}}
	}
	// urgent: a passed deadline, then one within the soon days, then the
	// rest; within each, the most findings to review first, then the
	// nearest deadline (none last). The rest with findings come before the
	// rest without, as the view ranks them.
	ranks := []struct {
		where string
		args  []any
	}{
		{`o.file_by < ?`, []any{today}},
		{`o.file_by >= ? AND o.file_by <= ?`, []any{today, soon}},
		{`o.file_by > ?`, []any{soon}},
	}
	var cells []officeCell
	for _, rk := range ranks {
		for r := maxReview; r >= 0; r-- {
			cells = append(cells, officeCell{`o.review = ? AND ` + rk.where, append([]any{r}, rk.args...), byDeadline, nil})
		}
	}
	return cells
}
