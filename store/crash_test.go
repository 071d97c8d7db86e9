package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
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

const crashChildEnv = "REUNITE_STORE_CRASH_CHILD"

// crashChild is the child's main: create families, update them and read
// them, and print "create ID", "update ID VERSION" or "read ID" after each
// acknowledged write or read. A read is acknowledged once its audit entry
// is committed (by the writer of reads, in a batch with others).
func crashChild() int {
	ctx := context.Background()
	key, err := ParseMasterKey(os.Getenv("REUNITE_CRASH_KEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s, err := Open(ctx, Options{DSN: os.Getenv("REUNITE_CRASH_DB"), Keys: Keys{Current: key}})
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
	reads := map[string]int{} // family id -> acknowledged reads
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"=1", "REUNITE_CRASH_DB="+dsn, "REUNITE_CRASH_KEY="+key.String())
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
		// then somewhere inside its next write.
		killAt := 1 + rng.IntN(40)
		sc := bufio.NewScanner(stdout)
		n := 0
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			switch {
			case len(f) == 2 && f[0] == "create":
				acked[f[1]] = max(acked[f[1]], 1)
			case len(f) == 3 && f[0] == "update":
				v, _ := strconv.Atoi(f[2])
				acked[f[1]] = max(acked[f[1]], v)
			case len(f) == 2 && f[0] == "read":
				reads[f[1]]++
			default:
				t.Fatalf("child said %q", sc.Text())
			}
			if n++; n == killAt {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
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
	// Every acknowledged read left its audit entry (counted before the
	// reads below add their own).
	readsLogged := 0
	for id, n := range reads {
		var logged int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND family_id = ? AND detail = 'latest'`,
			ActionFamilyRead, id).Scan(&logged); err != nil {
			t.Fatal(err)
		}
		if logged < n {
			t.Errorf("family %s: %d reads acknowledged, %d audit entries of reads", id, n, logged)
		}
		readsLogged += n
	}
	if readsLogged == 0 {
		t.Error("no read was acknowledged: the test did not test reads")
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
	t.Logf("%d kills, %d families and %d reads acknowledged, all present", kills, len(acked), readsLogged)
}
