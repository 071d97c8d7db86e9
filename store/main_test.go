package store

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/testdb"
)

// pg is the throwaway PostgreSQL cluster shared by this test binary; nil
// when PostgreSQL is not installed (and CI is not set).
var pg *testdb.Cluster

func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) != "" {
		os.Exit(crashChild())
	}
	// Fuzzing workers run TestMain too; they need no database.
	for _, arg := range os.Args {
		if strings.HasPrefix(arg, "-test.fuzzworker") {
			os.Exit(m.Run())
		}
	}
	c, err := testdb.Main()
	if err != nil {
		fmt.Fprintln(os.Stderr, "store tests:", err)
		os.Exit(1)
	}
	pg = c
	// The tests wait on disks and on PostgreSQL more than on the CPU, so
	// run more of them at once than there are cores, unless told otherwise.
	flag.Parse()
	if p := flag.Lookup("test.parallel"); p != nil && p.Value.String() == strconv.Itoa(runtime.GOMAXPROCS(0)) {
		p.Value.Set("8")
	}
	code := m.Run()
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

var engineList = []Engine{SQLite, Postgres}

// forEachEngine runs a test once on SQLite and once on PostgreSQL.
// Tests run in parallel: each has its own database, and most of their time
// is spent waiting for the disk or for PostgreSQL.
func forEachEngine(t *testing.T, fn func(t *testing.T, e Engine)) {
	t.Parallel()
	for _, e := range engineList {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			if e == Postgres && pg == nil {
				t.Skip("!! PostgreSQL NOT INSTALLED: this PostgreSQL test is skipped")
			}
			fn(t, e)
		})
	}
}

// forEachBenchEngine runs a benchmark on each engine, PostgreSQL only when
// it is installed.
func forEachBenchEngine(b *testing.B, fn func(b *testing.B, e Engine)) {
	for _, e := range engineList {
		b.Run(string(e), func(b *testing.B) {
			if e == Postgres && pg == nil {
				b.Skip("PostgreSQL not installed")
			}
			fn(b, e)
		})
	}
}

// testClock is the fixed time of the tests.
var testClock = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// newDSN returns a fresh, empty database of the engine.
func newDSN(t testing.TB, e Engine) string {
	if e == Postgres {
		return pg.NewDatabase(t)
	}
	return "sqlite:" + filepath.Join(t.TempDir(), "reunite.db")
}

func testKey(t testing.TB) *MasterKey {
	k, err := GenerateMasterKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// openAt opens a store on dsn with the keys, closed at the end of the test.
func openAt(t testing.TB, dsn string, keys Keys) *Store {
	t.Helper()
	return openWith(t, Options{DSN: dsn, Keys: keys})
}

// openWith opens a store with opt on the test clock, closed at the end of
// the test.
func openWith(t testing.TB, opt Options) *Store {
	t.Helper()
	opt.Now = func() time.Time { return testClock }
	s, err := Open(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newStore opens a fresh store of the engine.
func newStore(t testing.TB, e Engine) *Store {
	return openAt(t, newDSN(t, e), Keys{Current: testKey(t)})
}

func date(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testFamily is a valid case file: an asylee and her husband.
func testFamily(family, given, aNumber, statusDate string) *reunite.Family {
	return &reunite.Family{
		Format: reunite.CaseFormat,
		Principal: reunite.Principal{
			Name:        reunite.Name{Family: family, Given: given},
			BirthDate:   reunite.BornOn(date("1985-04-12")),
			Sex:         reunite.Female,
			ANumber:     aNumber,
			SSN:         "123-45-6789",
			Address:     &reunite.Address{Street: "12 Elm St", City: "Oakland", State: "CA", Zip: "94607", Country: "US"},
			Status:      reunite.Asylee,
			AsylumFiled: date("2023-08-14"),
			StatusDate:  date(statusDate),
		},
		Members: []reunite.Member{{
			ID:            "husband",
			Relationship:  reunite.Spouse,
			Name:          reunite.Name{Family: "Haile", Given: "Dawit"},
			BirthDate:     reunite.BornOn(date("1983-09-01")),
			Sex:           reunite.Male,
			MaritalStatus: reunite.Married,
			Location:      reunite.OutsideUS,
			NativeAddress: "Adi Keyh, Debub, Eritrea",
			Marriage:      &reunite.Marriage{Date: date("2010-06-20"), Form: reunite.CivilMarriage},
		}},
	}
}

// office is an organization with one user of every role and one family.
type office struct {
	admin, rep, worker, client Actor
	family                     *FamilyRecord
	other                      *FamilyRecord // a second family, not the client's
}

func newOffice(t testing.TB, s *Store, name string) *office {
	t.Helper()
	ctx := context.Background()
	o := &office{}
	var err error
	if o.admin, err = s.CreateOrg(ctx, name, NewUser{Login: name + "-admin", Name: "Admin of " + name}); err != nil {
		t.Fatal(err)
	}
	if o.family, err = s.CreateFamily(ctx, o.admin, testFamily("Tesfaye", "Selam", "A201234567", "2025-06-10")); err != nil {
		t.Fatal(err)
	}
	if o.other, err = s.CreateFamily(ctx, o.admin, testFamily("Okonkwo", "Ada", "A087654321", "2024-04-01")); err != nil {
		t.Fatal(err)
	}
	mk := func(role Role, family string) Actor {
		id, err := s.CreateUser(ctx, o.admin, NewUser{Login: name + "-" + string(role), Name: string(role), Role: role, FamilyID: family})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.ActorFor(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	o.rep = mk(RoleRepresentative, "")
	o.worker = mk(RoleCaseworker, "")
	o.client = mk(RoleClient, o.family.ID)
	return o
}
