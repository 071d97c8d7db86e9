package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// target is what one office holds, for the access tests to aim at.
type target struct {
	o      *office
	doc    string
	task   string
	userID string
	// notification is the one a raised risk of the first family's
	// relative left (relatives_test.go).
	notification string
	// evidence: a document with a preview, for a relative, with a typed
	// translation by a translator of the office (documents_test.go).
	evidence, translator, translation string
}

func newTarget(t *testing.T, s *Store, name string) *target {
	ctx := context.Background()
	o := newOffice(t, s, name)
	d, err := s.AddDocument(ctx, o.worker, o.family.ID, "marriage.pdf", "application/pdf", []byte("%PDF-1.7 certificate"))
	if err != nil {
		t.Fatal(err)
	}
	tk, err := s.AddTask(ctx, o.worker, o.family.ID, "Ask for the marriage certificate", date("2026-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(ctx, o.rep, o.family.ID, "filed", testClock, "I-730 mailed"); err != nil {
		t.Fatal(err)
	}
	addTargetPetition(t, s, o)
	n := addTargetRelatives(t, s, o, d.ID)
	tg := &target{o: o, doc: d.ID, task: tk.ID, userID: o.rep.UserID(), notification: n}
	addTargetEvidence(t, s, tg)
	return tg
}

// op is one store method aimed at a family (fam), a document and a task.
// It returns the family ids it listed, for list methods.
type op struct {
	name string
	list bool // lists answer with what they may show, not an error
	fn   func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error)
}

func summaryIDs(sums []FamilySummary, err error) ([]string, error) {
	var ids []string
	for _, f := range sums {
		ids = append(ids, f.ID)
	}
	return ids, err
}

var ops = []op{
	{"Family", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Family(ctx, a, fam)
		return nil, err
	}},
	{"FamilyVersion", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.FamilyVersion(ctx, a, fam, 1)
		return nil, err
	}},
	{"FamilyVersions", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.FamilyVersions(ctx, a, fam)
		return nil, err
	}},
	{"Assessment", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Assessment(ctx, a, fam)
		return nil, err
	}},
	{"UpdateFamily", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		f := testFamily("Mallory", "Eve", "A111111111", "2025-01-01")
		_, err := s.UpdateFamily(ctx, a, fam, 1, f)
		if errors.Is(err, ErrConflict) { // the family was already changed by an earlier case: still reached
			return nil, nil
		}
		return nil, err
	}},
	{"AddDocument", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.AddDocument(ctx, a, fam, "x.pdf", "application/pdf", []byte("x"))
		return nil, err
	}},
	{"Documents", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Documents(ctx, a, fam)
		return nil, err
	}},
	{"DocumentContent", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		if fam != tg.o.family.ID {
			return nil, ErrNotFound // the document belongs to the first family
		}
		_, _, err := s.DocumentContent(ctx, a, tg.doc)
		return nil, err
	}},
	{"AddEvent", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.AddEvent(ctx, a, fam, "note", time.Time{}, "x")
		return nil, err
	}},
	{"Events", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Events(ctx, a, fam)
		return nil, err
	}},
	{"AddTask", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.AddTask(ctx, a, fam, "x", date("2026-05-01"))
		return nil, err
	}},
	{"Tasks", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.Tasks(ctx, a, fam)
		return nil, err
	}},
	{"CompleteTask", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		if fam != tg.o.family.ID {
			return nil, ErrNotFound
		}
		return nil, s.CompleteTask(ctx, a, tg.task)
	}},
	{"AuditLog", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		es, err := s.AuditLog(ctx, a, fam)
		if err == nil && len(es) == 0 {
			return nil, ErrNotFound
		}
		return nil, err
	}},
	{"CreateUser", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		_, err := s.CreateUser(ctx, a, NewUser{Login: newID("l"), Role: RoleClient, FamilyID: fam})
		return nil, err
	}},
	{"DisableUser", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		id, err := s.CreateUser(ctx, tg.o.admin, NewUser{Login: newID("l"), Role: RoleCaseworker})
		if err != nil {
			return nil, err
		}
		return nil, s.DisableUser(ctx, a, id)
	}},
	{"Families", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		return summaryIDs(s.Families(ctx, a, 0, 0))
	}},
	{"SearchFamilies", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		return summaryIDs(s.SearchFamilies(ctx, a, "Haile"))
	}},
	{"SearchFamilies/anumber", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		return summaryIDs(s.SearchFamilies(ctx, a, "A201234567"))
	}},
	{"Deadlines", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		return summaryIDs(s.Deadlines(ctx, a, date("2020-01-01"), date("2030-01-01")))
	}},
	{"ExportFamilies", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		var ids []string
		err := s.ExportFamilies(ctx, a, func(id string, _ []byte) error { ids = append(ids, id); return nil })
		return ids, err
	}},
	{"OpenTasks", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		tasks, err := s.OpenTasks(ctx, a, date("2026-01-01"), date("2026-12-31"))
		var ids []string
		for _, tk := range tasks {
			ids = append(ids, tk.FamilyID)
		}
		return ids, err
	}},
	{"Users", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
		us, err := s.Users(ctx, a)
		var ids []string
		for _, u := range us {
			ids = append(ids, u.ID)
		}
		return ids, err
	}},
}

// TestNoCrossOrganizationAccess aims every store method, as every role of
// one office, at another office's family, documents, tasks and users: each
// must refuse or list nothing of the other office.
func TestNoCrossOrganizationAccess(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		victim := newTarget(t, s, "victim")
		intruder := newTarget(t, s, "intruder")
		theirs := map[string]bool{victim.o.family.ID: true, victim.o.other.ID: true, victim.translator: true}
		for _, u := range []string{victim.o.admin.UserID(), victim.o.rep.UserID(), victim.o.worker.UserID(), victim.o.client.UserID()} {
			theirs[u] = true
		}
		actors := map[string]Actor{"admin": intruder.o.admin, "representative": intruder.o.rep,
			"caseworker": intruder.o.worker, "client": intruder.o.client, "zero": {}}
		for _, op := range ops {
			for role, a := range actors {
				for _, fam := range []string{victim.o.family.ID, victim.o.other.ID} {
					ids, err := op.fn(ctx, s, a, victim, fam)
					if !(op.list && err == nil) && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrForbidden) {
						t.Errorf("%s as the other office's %s on %s: %v, want not found or forbidden", op.name, role, fam, err)
					}
					for _, id := range ids {
						if theirs[id] {
							t.Errorf("%s as the other office's %s listed %s of the other office", op.name, role, id)
						}
					}
				}
			}
		}
	})
}

// TestRoles checks what each role of an office may do with its own
// families; the client sees only their own.
func TestRoles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "own")
		o := tg.o
		// allowed[op][role] for the client's own family.
		staffOnly := map[string]bool{"UpdateFamily": true, "AddEvent": true, "AddTask": true, "CompleteTask": true, "AuditLog": true}
		adminOnly := map[string]bool{"CreateUser": true, "DisableUser": true, "Users": true}
		for _, op := range ops {
			for role, a := range map[Role]Actor{RoleAdmin: o.admin, RoleRepresentative: o.rep, RoleCaseworker: o.worker, RoleClient: o.client} {
				ids, err := op.fn(ctx, s, a, tg, o.family.ID)
				allowed := true
				if rs, ok := opRoles[op.name]; ok {
					allowed = slices.Contains(rs, role)
				} else if adminOnly[op.name] {
					allowed = role == RoleAdmin
				} else if staffOnly[op.name] {
					allowed = role != RoleClient
				}
				if allowed && err != nil {
					t.Errorf("%s as %s on its own family: %v", op.name, role, err)
				}
				if !allowed && !errors.Is(err, ErrForbidden) {
					t.Errorf("%s as %s: %v, want ErrForbidden", op.name, role, err)
				}
				if role == RoleClient {
					for _, id := range ids {
						if id == o.other.ID {
							t.Errorf("%s as the client listed another family of the office", op.name)
						}
					}
				}
			}
			// The client, on another family of the same office.
			ids, err := op.fn(ctx, s, o.client, tg, o.other.ID)
			if !(op.list && err == nil) && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrForbidden) {
				t.Errorf("%s as a client on another family: %v, want not found or forbidden", op.name, err)
			}
			for _, id := range ids {
				if id == o.other.ID {
					t.Errorf("%s as the client listed another family of the office", op.name)
				}
			}
		}
		// A disabled user can no longer act.
		if err := s.DisableUser(ctx, o.admin, o.worker.UserID()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ActorFor(ctx, o.worker.UserID()); !errors.Is(err, ErrForbidden) {
			t.Errorf("disabled user: %v, want ErrForbidden", err)
		}
	})
}
