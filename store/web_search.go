package store

import (
	"context"
	"strconv"
	"strings"
)

// OfficeSearch returns the ids of the families the actor may see that match
// a search (the same matching as SearchFamilies: an A-number, or every word
// of the query a word of some name), without opening any sealed value, for
// the office view, which opens only the names of the page it shows. The
// index is read outside a write transaction (see OfficeFamilies); the audit
// entry says how many matched, never the words.
func (s *Store) OfficeSearch(ctx context.Context, a Actor, query string) (ids map[string]bool, err error) {
	defer wrap(&err, "store.OfficeSearch")
	if err := a.check(true); err != nil {
		return nil, err
	}
	terms, err := s.searchTerms(ctx, a, query)
	if err != nil {
		return nil, err
	}
	ids = map[string]bool{}
	if len(terms) > 0 {
		// In a read transaction (readTx) rather than on the pool: a page
		// that also reads the family (the dashboard's warning of another
		// family with the same A-Number) shares its connection, and the
		// statement needs no goroutine to watch the request's context.
		// The statement on the pool was 6% of a dashboard of six.
		scope, args := a.familyScope()
		match, margs := matchAll(a.org, terms)
		err = s.readTx(ctx, func(t *txn) error {
			rows, err := t.query(ctx, `/* store.OfficeSearch */
				SELECT f.id FROM families f WHERE `+scope+` AND `+match, append(args, margs...)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				ids[id] = true
			}
			return rows.Err()
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, s.logRead(ctx, a, ActionFamilyList, "", "search "+strconv.Itoa(len(ids)))
}

// searchTerms hashes a search with the blind-index key of the actor's
// organization (see queryTerms). That key is derived from version 1 of the
// data key; once unwrapped it is kept in memory, and then no transaction
// (on SQLite, the write lock) is needed to make the hashes.
func (s *Store) searchTerms(ctx context.Context, a Actor, query string) ([][]byte, error) {
	s.mu.Lock()
	k := s.orgKeys[orgKeyID{a.org, 1}]
	s.mu.Unlock()
	if k == nil {
		err := s.tx(ctx, func(t *txn) (err error) {
			k, err = t.dataKey(ctx, a.org, 1)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return queryTerms(k.blind, query), nil
}

// matchAll is the SQL condition, with its arguments, that keeps the
// families (aliased f) of org whose blind index holds every one of terms.
func matchAll(org string, terms [][]byte) (string, []any) { return matchAllOn(`f.id`, org, terms) }

// matchAllOn is matchAll on the family id column col.
func matchAllOn(col, org string, terms [][]byte) (string, []any) {
	q, args := matchedFamilies(org, terms)
	return col + ` IN (` + q + `)`, args
}

// matchedFamilies is the query, with its arguments, of the ids of the
// families of org whose blind index holds every one of terms, each id
// once. One term (a surname, an A-number: the usual search) is one range
// of the index family_index_match, already in family order, with no
// grouping; several are grouped by family and counted.
func matchedFamilies(org string, terms [][]byte) (string, []any) {
	if len(terms) == 1 {
		return `SELECT DISTINCT family_id FROM family_index WHERE org_id = ? AND hash = ?`, []any{org, terms[0]}
	}
	args := []any{org}
	for _, h := range terms {
		args = append(args, h)
	}
	args = append(args, len(terms))
	return `SELECT family_id FROM family_index WHERE org_id = ? AND hash IN (` + marks(len(terms)) + `)
		GROUP BY family_id HAVING COUNT(DISTINCT hash) = ?`, args
}

// marks returns n placeholders separated by commas, for an IN list.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
