package store

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/reunite/reunite"
)

// Secrets of the evidence added to every target: a preview's bytes, a
// relative's id, a language, a title, a translator and a typed translation
// must all be sealed (TestNothingInClearAtRest).
func init() {
	// (The relative's id "husband" is not among them: petition_events keeps
	// member ids in clear, migration 00120.)
	secrets = append(secrets, "THUMB-of-marriage", "JPEG marriage photo bytes", "marriage-photo.jpg", "Marriage certificate from Asmara",
		"Mekonnen", "Tsegay", "44 Translator Road", "mekonnen@example.org", "+1 510 555 0199",
		"Certificate of Marriage between")
	staff := []Role{RoleAdmin, RoleRepresentative, RoleCaseworker}
	opRoles["SetDocumentStatus"] = staff
	opRoles["Translators"] = staff
	opRoles["AddTranslation"] = staff
	ops = append(ops,
		op{"AddEvidence", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.AddEvidence(ctx, a, NewDocument{FamilyID: fam, Name: "p.jpg", ContentType: "image/jpeg", Content: []byte("x"),
				Kind: "photo", Members: []string{"husband"}})
			return nil, err
		}},
		op{"Document", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			if fam != tg.o.family.ID {
				return nil, ErrNotFound
			}
			_, err := s.Document(ctx, a, tg.evidence)
			return nil, err
		}},
		op{"DocumentThumb", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			if fam != tg.o.family.ID {
				return nil, ErrNotFound
			}
			_, _, err := s.DocumentThumb(ctx, a, tg.evidence)
			return nil, err
		}},
		op{"SetDocumentStatus", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			if fam != tg.o.family.ID {
				return nil, ErrNotFound
			}
			return nil, s.SetDocumentStatus(ctx, a, tg.evidence, DocChecked)
		}},
		op{"Translators", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			trs, err := s.Translators(ctx, a)
			var ids []string
			for _, tr := range trs {
				ids = append(ids, tr.ID)
			}
			return ids, err
		}},
		op{"AddTranslation", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			if fam != tg.o.family.ID {
				return nil, ErrNotFound
			}
			_, err := s.AddTranslation(ctx, a, NewTranslation{DocumentID: tg.evidence, TranslatorID: tg.translator,
				ContentType: "text/plain; charset=utf-8", Content: []byte("again")})
			return nil, err
		}},
		op{"TranslationContent", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			if fam != tg.o.family.ID {
				return nil, ErrNotFound
			}
			_, _, err := s.TranslationContent(ctx, a, tg.translation)
			return nil, err
		}},
	)
}

func addTargetEvidence(t testing.TB, s *Store, tg *target) {
	t.Helper()
	ctx := context.Background()
	o := tg.o
	d, err := s.AddEvidence(ctx, o.client, NewDocument{FamilyID: o.family.ID, Name: "marriage-photo.jpg", ContentType: "image/jpeg",
		Content: []byte("JPEG marriage photo bytes"), Thumb: []byte("THUMB-of-marriage"), Pages: 1,
		Kind: "marriage_certificate", Members: []string{"husband", "principal"}, Language: "ti", Title: "Marriage certificate from Asmara"})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := s.AddTranslator(ctx, o.worker, Translator{Name: reunite.Name{Family: "Tsegay", Given: "Mekonnen"},
		Address: "44 Translator Road, Oakland, CA 94607", Phone: "+1 510 555 0199", Email: "mekonnen@example.org", Languages: []string{"ti", "am"}})
	if err != nil {
		t.Fatal(err)
	}
	x, err := s.AddTranslation(ctx, o.worker, NewTranslation{DocumentID: d.ID, TranslatorID: tr.ID,
		ContentType: "text/plain; charset=utf-8", Content: []byte("Certificate of Marriage between Selam Tesfaye and Dawit Haile")})
	if err != nil {
		t.Fatal(err)
	}
	tg.evidence, tg.translator, tg.translation = d.ID, tr.ID, x.ID
}

// TestEvidence walks a document through its life: uploaded by the client
// for two relatives, listed with its translation, checked by staff (who,
// when), read back whole.
func TestEvidence(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "ev")
		o := tg.o
		docs, err := s.Documents(ctx, o.client, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(docs, func(d Document) bool { return d.ID == tg.evidence })
		if i < 0 {
			t.Fatalf("the evidence is not listed: %+v", docs)
		}
		d := docs[i]
		if d.Kind != "marriage_certificate" || !d.Serves("husband") || !d.Serves("principal") || d.Language != "ti" ||
			d.Status != DocReceived || !d.Thumb || d.Pages != 1 || d.Title != "Marriage certificate from Asmara" {
			t.Errorf("listed: %+v", d)
		}
		if len(d.Translations) != 1 || d.Translations[0].TranslatorID != tg.translator || !d.Translations[0].Typed() {
			t.Errorf("translations: %+v", d.Translations)
		}
		// The plain document of the target has no meta and is kind other.
		if j := slices.IndexFunc(docs, func(d Document) bool { return d.ID == tg.doc }); j < 0 || docs[j].Kind != "other" || docs[j].Members != nil {
			t.Errorf("plain document: %+v", docs)
		}
		if _, thumb, err := s.DocumentThumb(ctx, o.client, d.ID); err != nil || string(thumb) != "THUMB-of-marriage" {
			t.Errorf("thumb: %q, %v", thumb, err)
		}
		if _, _, err := s.DocumentThumb(ctx, o.client, tg.doc); !errors.Is(err, ErrNotFound) {
			t.Errorf("thumb of a document without one: %v", err)
		}
		if err := s.SetDocumentStatus(ctx, o.client, d.ID, DocChecked); !errors.Is(err, ErrForbidden) {
			t.Errorf("client checks a document: %v", err)
		}
		if err := s.SetDocumentStatus(ctx, o.rep, d.ID, "approved"); !errors.Is(err, ErrInvalid) {
			t.Errorf("unknown status: %v", err)
		}
		if err := s.SetDocumentStatus(ctx, o.rep, d.ID, DocChecked); err != nil {
			t.Fatal(err)
		}
		got, err := s.Document(ctx, o.worker, d.ID)
		if err != nil || got.Status != DocChecked || got.CheckedBy != o.rep.UserID() || got.CheckedAt.IsZero() {
			t.Errorf("after checking: %+v, %v", got, err)
		}
		// Asked again for a better copy: no longer checked by anyone.
		if err := s.SetDocumentStatus(ctx, o.rep, d.ID, DocRequested); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Document(ctx, o.worker, d.ID); got.Status != DocRequested || got.CheckedBy != "" || !got.CheckedAt.IsZero() {
			t.Errorf("after requesting again: %+v", got)
		}
		tr, content, err := s.TranslationContent(ctx, o.client, tg.translation)
		if err != nil || !bytes.HasPrefix(content, []byte("Certificate of Marriage")) || tr.DocumentID != d.ID {
			t.Errorf("translation: %+v %q %v", tr, content, err)
		}
		trs, err := s.Translators(ctx, o.worker)
		if err != nil || len(trs) != 1 || trs[0].Email != "mekonnen@example.org" || !slices.Equal(trs[0].Languages, []string{"ti", "am"}) {
			t.Errorf("translators: %+v, %v", trs, err)
		}
		if _, err := s.Translators(ctx, o.client); !errors.Is(err, ErrForbidden) {
			t.Errorf("client lists translators: %v", err)
		}
	})
}

// TestEvidenceRefused: a relative the case file does not name, an unknown
// kind, a translator of another office, an empty translation and a file
// over the family's limit are refused, and nothing is stored.
func TestEvidenceRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "bad")
		other := newTarget(t, s, "bad2")
		o := tg.o
		before, _ := s.Documents(ctx, o.rep, o.family.ID)
		add := func(n NewDocument) error {
			n.FamilyID, n.Name, n.ContentType = o.family.ID, "x.pdf", "application/pdf"
			if n.Content == nil {
				n.Content = []byte("%PDF-1.4")
			}
			_, err := s.AddEvidence(ctx, o.rep, n)
			return err
		}
		if err := add(NewDocument{Members: []string{"nobody"}}); !errors.Is(err, ErrInvalid) {
			t.Errorf("unknown relative: %v", err)
		}
		if err := add(NewDocument{Kind: "passport_photo"}); !errors.Is(err, ErrInvalid) {
			t.Errorf("unknown kind: %v", err)
		}
		s.SetFamilyDocumentLimit(1000)
		if err := add(NewDocument{Content: make([]byte, 900)}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("over the family's limit: %v", err)
		}
		s.SetFamilyDocumentLimit(0)
		if _, err := s.AddTranslation(ctx, o.rep, NewTranslation{DocumentID: tg.evidence, TranslatorID: other.translator,
			ContentType: "text/plain", Content: []byte("x")}); !errors.Is(err, ErrInvalid) {
			t.Errorf("another office's translator: %v", err)
		}
		if _, err := s.AddTranslation(ctx, o.rep, NewTranslation{DocumentID: tg.evidence, TranslatorID: tg.translator,
			ContentType: "text/plain"}); !errors.Is(err, ErrInvalid) {
			t.Errorf("empty translation: %v", err)
		}
		after, _ := s.Documents(ctx, o.rep, o.family.ID)
		if len(after) != len(before) || len(after[len(after)-1].Translations) != len(before[len(before)-1].Translations) {
			t.Errorf("refused writes stored something: %d documents before, %d after", len(before), len(after))
		}
	})
}
