package store

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// The crash test runs this test binary again as a child that writes
// families as fast as it can, printing a line for each write the store has
// acknowledged, and kills it with SIGKILL at a random moment, many times
// over. Afterwards every acknowledged write must be there and SQLite must
// pass its integrity check. PostgreSQL is left out: killing a client
// cannot hurt its server, whose durability is PostgreSQL's own.
//
// Reads: with Options.DurableReads every acknowledged read has its audit
// entry. Without it (the default), exactly what audit_writer.go promises:
// every read acknowledged before a write that was acknowledged after it
// has its entry (a write puts the waiting reads' entries in first), and
// only the reads acknowledged after the last acknowledged write may be
// missing, at most maxReadBacklog+maxAuditBatch of them.

const crashChildEnv = "REUNITE_STORE_CRASH_CHILD"

// crashChild is the child's main: create families, update them and read
// them, and print "create ID", "update ID VERSION" or "read ID" after each
// acknowledged write or read. A read is acknowledged once it returned: with
// DurableReads its audit entry is committed then (by the writer of reads,
// in a batch with others); without, handed to the writer.
func crashChild() int {
	ctx := context.Background()
	key, err := ParseMasterKey(os.Getenv("REUNITE_CRASH_KEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s, err := Open(ctx, Options{DSN: os.Getenv("REUNITE_CRASH_DB"), Keys: Keys{Current: key}, DurableReads: os.Getenv("REUNITE_CRASH_DURABLE") == "1"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a, err := s.ActorByLogin(ctx, "crash-admin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	var mu sync.Mutex
	for i := 0; ; i++ {
		rec, err := s.CreateFamily(ctx, a, testFamily("Crash", "Number"+strconv.Itoa(i), "A201234567", "2025-06-10"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(out, "create %s\n", rec.ID)
		out.Flush()
		f := *rec.Family
		f.Principal.Phone = "+1 510 555 " + strconv.Itoa(1000+i%9000)
		if _, err := s.UpdateFamily(ctx, a, rec.ID, 1, &f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(out, "update %s 2\n", rec.ID)
		out.Flush()
		// Reads from several goroutines at once, so that their audit
		// entries are committed together.
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				if _, err := s.Family(ctx, a, rec.ID); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Fprintf(out, "read %s\n", rec.ID)
				out.Flush()
				mu.Unlock()
			})
		}
		wg.Wait()
	}
}

func TestCrashLosesNoAcknowledgedWrite(t *testing.T) {
	for _, durable := range []bool{true, false} {
		name := "batched reads"
		if durable {
			name = "durable reads"
		}
		t.Run(name, func(t *testing.T) { crashTest(t, durable) })
	}
}

func crashTest(t *testing.T, durable bool) {
	kills := 20
	if n, err := strconv.Atoi(os.Getenv("REUNITE_CRASH_KILLS")); err == nil && n > 0 {
		kills = n
	}
	ctx := context.Background()
	dsn := newDSN(t, SQLite)
	key := testKey(t)
	s := openAt(t, dsn, Keys{Current: key})
	if _, err := s.CreateOrg(ctx, "Crash office", NewUser{Login: "crash-admin"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	acked := map[string]int{} // family id -> newest acknowledged version
	// Acknowledged reads by family: settled ones were acknowledged before
	// a write acknowledged later in the same run; the others came after the
	// run's last acknowledged write.
	settled, unsettled := map[string]int{}, map[string]int{}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"=1", "REUNITE_CRASH_DB="+dsn, "REUNITE_CRASH_KEY="+key.String())
		if durable {
			cmd.Env = append(cmd.Env, "REUNITE_CRASH_DURABLE=1")
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of acknowledgements: the child is
		// then somewhere inside its next write or read.
		killAt := 1 + rng.IntN(40)
		sc := bufio.NewScanner(stdout)
		n := 0
		since := map[string]int{} // reads acknowledged since the last write
		settle := func() {
			for id, k := range since {
				settled[id] += k
			}
			clear(since)
		}
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			switch {
			case len(f) == 2 && f[0] == "create":
				acked[f[1]] = max(acked[f[1]], 1)
				settle()
			case len(f) == 3 && f[0] == "update":
				v, _ := strconv.Atoi(f[2])
				acked[f[1]] = max(acked[f[1]], v)
				settle()
			case len(f) == 2 && f[0] == "read":
				since[f[1]]++
			default:
				t.Fatalf("child said %q", sc.Text())
			}
			if n++; n == killAt {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		for id, k := range since {
			unsettled[id] += k
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: the child ended by itself (%v) after %d writes: %s", round, err, n, stderr.String())
		}
	}

	s = openAt(t, dsn, Keys{Current: key})
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	// No write is half done: every family has each of its versions, and an
	// assessment of each.
	var broken int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM families f WHERE f.version <>
		(SELECT COUNT(*) FROM family_versions v JOIN assessments a ON a.family_id = v.family_id AND a.version = v.version
		 WHERE v.family_id = f.id)`).Scan(&broken); err != nil || broken != 0 {
		t.Errorf("%d families half written (%v)", broken, err)
	}
	// The reads' audit entries (counted before the reads below add their
	// own): with DurableReads every acknowledged read's; without, every
	// settled read's, and of the others at most what the writer may hold.
	readsLogged, lost := 0, 0
	for _, id := range slices.Sorted(maps.Keys(mapsJoin(settled, unsettled))) {
		var logged int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND family_id = ? AND detail = 'latest'`,
			ActionFamilyRead, id).Scan(&logged); err != nil {
			t.Fatal(err)
		}
		must := settled[id]
		if durable {
			must += unsettled[id]
		}
		if logged < must {
			t.Errorf("family %s: %d reads acknowledged before a later write (or durable), %d audit entries of reads", id, must, logged)
		}
		// More entries than acknowledgements is no loss: a child killed
		// between the commit and its line.
		readsLogged += logged
		lost += max(0, settled[id]+unsettled[id]-logged)
	}
	if lost > maxReadBacklog+maxAuditBatch {
		t.Errorf("%d acknowledged reads left no entry: more than the writer may hold", lost)
	}
	if readsLogged == 0 {
		t.Error("no read was logged: the test did not test reads")
	}
	a := mustActor(t, s, "crash-admin")
	if len(acked) < kills {
		t.Fatalf("only %d writes acknowledged in %d rounds", len(acked), kills)
	}
	for id, v := range acked {
		rec, err := s.Family(ctx, a, id)
		if err != nil {
			t.Errorf("acknowledged family %s: %v", id, err)
			continue
		}
		if rec.Version < v {
			t.Errorf("family %s: version %d, but version %d was acknowledged", id, rec.Version, v)
		}
	}
	if r, err := s.VerifyAudit(ctx); err != nil || !r.OK() {
		t.Errorf("audit after crashes: %v, %v", r, err)
	}
	t.Logf("%d kills, %d families acknowledged, all present; %d reads logged, %d acknowledged after the last write of their run and lost",
		kills, len(acked), readsLogged, lost)
}

// mapsJoin is the keys of both maps, for walking them once.
func mapsJoin(a, b map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
