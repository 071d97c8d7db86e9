package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reunite/reunite"
)

// Audit actions of documents' statuses, translators and translations.
// Details name ids, kinds and sizes, never a person.
const (
	ActionDocumentStatus = "document.status"
	ActionTranslatorAdd  = "translator.add"
	ActionTranslationAdd = "translation.add"
)

// Translator is a person who translates documents into English and
// certifies the translation (competent in both languages, complete and
// accurate). One record is used on every certification they sign, so that
// their address is written the same on all of them.
type Translator struct {
	ID        string       `json:"-"`
	Name      reunite.Name `json:"name"`
	Address   string       `json:"address,omitzero"`
	Phone     string       `json:"phone,omitzero"`
	Email     string       `json:"email,omitzero"`
	Languages []string     `json:"languages,omitzero"` // BCP 47 tags they translate from
	CreatedAt time.Time    `json:"-"`
}

// Translation is the English translation of a document: a file, or text
// typed in the application (ContentType "text/plain; charset=utf-8").
type Translation struct {
	ID           string
	DocumentID   string
	TranslatorID string
	ContentType  string
	Size         int64
	CreatedAt    time.Time
	CreatedBy    string
}

// Typed reports whether the translation is text typed in the application.
func (tr *Translation) Typed() bool { return strings.HasPrefix(tr.ContentType, "text/plain") }

// AddTranslator records a translator of the office. Staff only.
func (s *Store) AddTranslator(ctx context.Context, a Actor, tr Translator) (out *Translator, err error) {
	defer wrap(&err, "store.AddTranslator")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if strings.TrimSpace(tr.Name.Full()) == "" {
		return nil, fmt.Errorf("%w: a translator needs a name", ErrInvalid)
	}
	tr.ID = newID("x")
	body, err := json.Marshal(tr)
	if err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionTranslatorAdd, "", tr.ID); err != nil {
			return err
		}
		sealed, err := t.sealFor(ctx, a.org, body, aad("translators", "body", tr.ID))
		if err != nil {
			return err
		}
		tr.CreatedAt = t.now
		_, err = t.exec(ctx, `/* store.AddTranslator */ INSERT INTO translators (id, org_id, body_enc, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
			tr.ID, a.org, sealed, micros(t.now), a.user)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &tr, nil
}

// Translators lists the office's translators, oldest first. Staff only.
func (s *Store) Translators(ctx context.Context, a Actor) (out []Translator, err error) {
	defer wrap(&err, "store.Translators")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		out = out[:0]
		var err error
		out, err = t.translators(ctx, a, "")
		return err
	})
	return out, err
}

// translators reads the office's translators, or the one with id.
func (t *txn) translators(ctx context.Context, a Actor, id string) ([]Translator, error) {
	q, args := `/* store.translators */ SELECT id, body_enc, created_at FROM translators WHERE org_id = ?`, []any{a.org}
	if id != "" {
		q, args = q+` AND id = ?`, append(args, id)
	}
	rows, err := t.query(ctx, q+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Translator
	for rows.Next() {
		var tid string
		var sealed []byte
		var at int64
		if err := rows.Scan(&tid, &sealed, &at); err != nil {
			return nil, err
		}
		plain, err := t.openFor(ctx, a.org, sealed, aad("translators", "body", tid))
		if err != nil {
			return nil, err
		}
		var tr Translator
		if err := json.Unmarshal(plain, &tr); err != nil {
			return nil, err
		}
		tr.ID, tr.CreatedAt = tid, fromMicros(at)
		out = append(out, tr)
	}
	return out, rows.Err()
}

// Translator returns one translator of the office. Staff only.
func (s *Store) Translator(ctx context.Context, a Actor, id string) (out *Translator, err error) {
	defer wrap(&err, "store.Translator(%s)", id)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		trs, err := t.translators(ctx, a, id)
		if err != nil {
			return err
		}
		if len(trs) == 0 {
			return ErrNotFound
		}
		out = &trs[0]
		return nil
	})
	return out, err
}

// NewTranslation is an English translation to attach to a document.
type NewTranslation struct {
	DocumentID   string
	TranslatorID string
	ContentType  string // a file's type, or "text/plain; charset=utf-8" for typed text
	Content      []byte
}

// AddTranslation attaches a translation, by a translator of the office, to
// a document. Staff only.
func (s *Store) AddTranslation(ctx context.Context, a Actor, n NewTranslation) (tr *Translation, err error) {
	defer wrap(&err, "store.AddTranslation(%s)", n.DocumentID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if len(n.Content) == 0 {
		return nil, fmt.Errorf("%w: the translation is empty", ErrInvalid)
	}
	if len(n.Content) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: %d bytes is more than the limit of %d", ErrTooLarge, len(n.Content), MaxDocumentSize)
	}
	tr = &Translation{ID: newID("t"), DocumentID: n.DocumentID, TranslatorID: n.TranslatorID, ContentType: n.ContentType,
		Size: int64(len(n.Content)), CreatedBy: a.user}
	err = s.tx(ctx, func(t *txn) error {
		d, err := t.document(ctx, a, n.DocumentID)
		if err != nil {
			return err
		}
		if trs, err := t.translators(ctx, a, n.TranslatorID); err != nil {
			return err
		} else if len(trs) == 0 {
			return fmt.Errorf("%w: no translator %q in this office", ErrInvalid, n.TranslatorID)
		}
		if err := t.checkFamilyRoom(ctx, d.FamilyID, tr.Size); err != nil {
			return err
		}
		if err := t.audit(ctx, a, ActionTranslationAdd, d.FamilyID, tr.ID+" of "+d.ID+" "+strconv.FormatInt(tr.Size, 10)+" bytes"); err != nil {
			return err
		}
		sealed, err := t.sealFor(ctx, a.org, n.Content, aad("document_translations", "content", tr.ID))
		if err != nil {
			return err
		}
		tr.CreatedAt = t.now
		_, err = t.exec(ctx, `/* store.AddTranslation */
			INSERT INTO document_translations (id, org_id, family_id, document_id, translator_id, content_type, size, content_enc, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			tr.ID, a.org, d.FamilyID, d.ID, n.TranslatorID, n.ContentType, tr.Size, sealed, micros(t.now), a.user)
		return err
	})
	if err != nil {
		return nil, err
	}
	return tr, nil
}

// translations lists a family's translations by document, oldest first.
func (t *txn) translations(ctx context.Context, a Actor, familyID string) (map[string][]Translation, error) {
	rows, err := t.query(ctx, `/* store.translations */
		SELECT id, document_id, translator_id, content_type, size, created_at, created_by FROM document_translations
		WHERE family_id = ? AND org_id = ? ORDER BY created_at, id`, familyID, a.org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]Translation{}
	for rows.Next() {
		var tr Translation
		var at int64
		if err := rows.Scan(&tr.ID, &tr.DocumentID, &tr.TranslatorID, &tr.ContentType, &tr.Size, &at, &tr.CreatedBy); err != nil {
			return nil, err
		}
		tr.CreatedAt = fromMicros(at)
		out[tr.DocumentID] = append(out[tr.DocumentID], tr)
	}
	return out, rows.Err()
}

// TranslationContent returns a translation and its file or text.
func (s *Store) TranslationContent(ctx context.Context, a Actor, id string) (tr *Translation, content []byte, err error) {
	defer wrap(&err, "store.TranslationContent(%s)", id)
	if err := a.check(true); err != nil {
		return nil, nil, err
	}
	var family string
	err = s.readTx(ctx, func(t *txn) error {
		scope, args := a.familyScope()
		tr = &Translation{ID: id}
		var sealed []byte
		var at int64
		if err := t.queryRow(ctx, `/* store.TranslationContent */
			SELECT x.document_id, x.translator_id, x.content_type, x.size, x.created_at, x.created_by, x.family_id, x.content_enc
			FROM document_translations x JOIN families f ON f.id = x.family_id
			WHERE x.id = ? AND `+scope, append([]any{id}, args...)...).
			Scan(&tr.DocumentID, &tr.TranslatorID, &tr.ContentType, &tr.Size, &at, &tr.CreatedBy, &family, &sealed); err != nil {
			return notFound(err)
		}
		tr.CreatedAt = fromMicros(at)
		content, err = t.openFor(ctx, a.org, sealed, aad("document_translations", "content", id))
		return err
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionDocumentRead, family, tr.DocumentID+" translation "+id)
	}
	if err != nil {
		return nil, nil, err
	}
	return tr, content, nil
}
