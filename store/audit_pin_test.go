package store

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// TestAuditTailTruncationCaughtByPin is the outside review's attack: drop
// the triggers, delete the newest entries, point the head back at the last
// entry kept. The chain alone cannot see it; a head recorded outside the
// database can, and the missing triggers are reported too.
func TestAuditTailTruncationCaughtByPin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s, _ := auditedStore(t, e)
		pin, err := s.AuditHead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := s.VerifyAudit(ctx, pin); err != nil || !r.OK() || r.HeadSeq != pin.Seq {
			t.Fatalf("untouched log against its own head: %+v, %v", r, err)
		}
		dropAuditGuards(t, s)
		keep := pin.Seq - 2
		for _, q := range []string{
			`DELETE FROM audit_log WHERE seq > ` + itoa(keep),
			`UPDATE audit_head SET seq = (SELECT seq FROM audit_log WHERE seq = ` + itoa(keep) + `), hash = (SELECT hash FROM audit_log WHERE seq = ` + itoa(keep) + `)`,
		} {
			if _, err := s.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		r, err := s.VerifyAudit(ctx, pin)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK() || r.Problems[0].Kind != "deleted" || r.Problems[0].Seq != keep+1 ||
			!strings.Contains(r.Problems[0].Text, "the head recorded at") {
			t.Fatalf("tail truncation against the pin: %v", r.Problems)
		}
		if !hasKind(r, "unguarded") {
			t.Errorf("dropped triggers not reported: %v", r.Problems)
		}
	})
}

// TestAuditTriggerDropReported: each missing trigger is named, even when
// no entry was touched.
func TestAuditTriggerDropReported(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		s, _ := auditedStore(t, e)
		q := "DROP TRIGGER audit_log_no_delete"
		if e == Postgres {
			q += " ON audit_log"
		}
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
		r, err := s.VerifyAudit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) != 1 || r.Problems[0].Kind != "unguarded" || !strings.Contains(r.Problems[0].Text, "audit_log_no_delete") {
			t.Errorf("problems %v, want the missing trigger named", r.Problems)
		}
	})
}

// TestAuditChainNeedsTheKey: someone who can write to the database but
// has no master key edits an entry and recomputes every later link and the
// head with plain SHA-256, as the old chain allowed. The keyed links give
// it away.
func TestAuditChainNeedsTheKey(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s, _ := auditedStore(t, e)
		dropAuditGuards(t, s)
		rows, err := s.db.Query(`SELECT seq, at, actor_id, org_id, action, family_id, detail FROM audit_log ORDER BY seq`)
		if err != nil {
			t.Fatal(err)
		}
		type ent struct {
			seq, at                            int64
			actor, org, action, family, detail string
		}
		var es []ent
		for rows.Next() {
			var x ent
			rows.Scan(&x.seq, &x.at, &x.actor, &x.org, &x.action, &x.family, &x.detail)
			es = append(es, x)
		}
		rows.Close()
		var noKey *auditKey
		prev := make([]byte, 32)
		for _, x := range es {
			if x.seq == 3 {
				x.detail = "nothing happened"
			}
			h := noKey.entryHash(x.seq, prev, x.at, x.actor, x.org, x.action, x.family, x.detail)
			if _, err := s.db.Exec(s.q(`UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?`), x.detail, prev, h, x.seq); err != nil {
				t.Fatal(err)
			}
			prev = h
		}
		if _, err := s.db.Exec(s.q(`UPDATE audit_head SET hash = ?`), prev); err != nil {
			t.Fatal(err)
		}
		r, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK() || r.Problems[0].Seq != 1 || r.Problems[0].Kind != "edited" {
			t.Errorf("a chain recomputed without the key: %v", r.Problems)
		}
	})
}

// TestAuditOldEntriesStayVerifiable: entries written before the chain was
// keyed (plain SHA-256 links) still verify, and the first keyed entry pins
// them: rewriting them and their plain links is caught there.
func TestAuditOldEntriesStayVerifiable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		var noKey *auditKey
		prev := make([]byte, 32)
		for seq := int64(1); seq <= 3; seq++ {
			h := noKey.entryHash(seq, prev, seq, "operator", "", "keys.rotate", "", "old "+itoa(seq))
			if _, err := s.db.Exec(s.q(`INSERT INTO audit_log (seq, at, actor_id, org_id, action, family_id, detail, prev_hash, hash)
				VALUES (?, ?, 'operator', '', 'keys.rotate', '', ?, ?, ?)`), seq, seq, "old "+itoa(seq), prev, h); err != nil {
				t.Fatal(err)
			}
			prev = h
		}
		if _, err := s.db.Exec(s.q(`UPDATE audit_head SET seq = 3, hash = ?`), prev); err != nil {
			t.Fatal(err)
		}
		newOffice(t, s, "after")
		r, err := s.VerifyAudit(ctx)
		if err != nil || !r.OK() || r.Entries < 5 {
			t.Fatalf("old and new entries: %+v, %v", r, err)
		}
		var from int64
		s.db.QueryRow(`SELECT from_seq FROM audit_key`).Scan(&from)
		if from != 4 {
			t.Errorf("the keyed chain starts at entry %d, want 4", from)
		}
		// Rewrite old entry 2 and its plain link, and entry 3's.
		dropAuditGuards(t, s)
		h1 := noKey.entryHash(1, make([]byte, 32), 1, "operator", "", "keys.rotate", "", "old 1")
		h2 := noKey.entryHash(2, h1, 2, "operator", "", "keys.rotate", "", "forged")
		h3 := noKey.entryHash(3, h2, 3, "operator", "", "keys.rotate", "", "old 3")
		s.db.Exec(s.q(`UPDATE audit_log SET detail = 'forged', hash = ? WHERE seq = 2`), h2)
		s.db.Exec(s.q(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = 3`), h2, h3)
		r, _ = s.VerifyAudit(ctx)
		if r.OK() || r.Problems[0].Seq != 4 {
			t.Errorf("rewritten plain entries: %v, want entry 4 at fault", r.Problems)
		}
		// Moving the start of the keyed chain does not help either.
		s.db.Exec(`UPDATE audit_key SET from_seq = 1000`)
		if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "does not unwrap") {
			t.Errorf("moved from_seq: %v", err)
		}
	})
}

func hasKind(r *AuditReport, kind string) bool {
	for _, p := range r.Problems {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// FuzzReadAuditPins: the head file reader never panics, and every pin it
// returns writes back to a line it reads again as the same pin.
func FuzzReadAuditPins(f *testing.F) {
	f.Add("2026-12-02T07:00:00Z 12 " + strings.Repeat("ab", 32) + "\n# note\n\n")
	f.Add("yesterday 3 abc")
	f.Fuzz(func(t *testing.T, text string) {
		pins, err := ReadAuditPins(strings.NewReader(text))
		if err != nil {
			return
		}
		for _, p := range pins {
			again, err := ReadAuditPins(strings.NewReader(p.String()))
			if err != nil || len(again) != 1 || again[0].Seq != p.Seq || !again[0].At.Equal(p.At) || string(again[0].Hash) != string(p.Hash) {
				t.Errorf("pin %v reads back as %v, %v", p, again, err)
			}
		}
	})
}
