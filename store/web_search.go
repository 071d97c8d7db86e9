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
	var terms [][]byte
	err = s.tx(ctx, func(t *txn) error {
		k, err := t.dataKey(ctx, a.org, 0)
		if err != nil {
			return err
		}
		terms = queryTerms(k.blind, query)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids = map[string]bool{}
	if len(terms) > 0 {
		scope, args := a.familyScope()
		args = append(args, a.org)
		for _, h := range terms {
			args = append(args, h)
		}
		args = append(args, len(terms))
		rows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficeSearch */
			SELECT f.id FROM families f WHERE `+scope+` AND f.id IN (
				SELECT family_id FROM family_index WHERE org_id = ? AND hash IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(terms)), ", ")+`)
				GROUP BY family_id HAVING COUNT(DISTINCT hash) = ?)`), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			ids[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	err = s.tx(ctx, func(t *txn) error {
		return t.audit(ctx, a, ActionFamilyList, "", "search "+strconv.Itoa(len(ids)))
	})
	return ids, err
}
