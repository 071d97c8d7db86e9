-- +goose Up
-- Documents as evidence (issue 11, store/documents.go): what a document
-- proves, how far the office has got with it, its page previews, its
-- English translations and the translators who certify them.

-- In clear: the kind of evidence, the status and who checked it, the
-- number of pages (counts and a checklist's progress need no key). Which
-- relatives a document serves, its language and title are sealed in
-- meta_enc: relatives' ids are often first names, and a language tells a
-- country.
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'received';
ALTER TABLE documents ADD COLUMN checked_by TEXT;
ALTER TABLE documents ADD COLUMN checked_at BIGINT;
ALTER TABLE documents ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN meta_enc BYTEA;

-- The preview of the first page (a small JPEG), sealed like the file.
CREATE TABLE document_thumbs (
	document_id TEXT PRIMARY KEY REFERENCES documents(id),
	content_enc BYTEA NOT NULL
);

-- A translator is a person an office works with again and again: their
-- name, address, phone, e-mail and languages are one sealed record, used on
-- every certification they sign.
CREATE TABLE translators (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	body_enc   BYTEA NOT NULL,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL
);
CREATE INDEX translators_org ON translators (org_id);

-- The English translation of a document: an uploaded file, or text typed
-- in the application (content_type text/plain), sealed.
CREATE TABLE document_translations (
	id            TEXT PRIMARY KEY,
	org_id        TEXT NOT NULL REFERENCES orgs(id),
	family_id     TEXT NOT NULL REFERENCES families(id),
	document_id   TEXT NOT NULL REFERENCES documents(id),
	translator_id TEXT NOT NULL REFERENCES translators(id),
	content_type  TEXT NOT NULL,
	size          BIGINT NOT NULL,
	content_enc   BYTEA NOT NULL,
	created_at    BIGINT NOT NULL,
	created_by    TEXT NOT NULL
);
CREATE INDEX document_translations_doc ON document_translations (document_id);
CREATE INDEX document_translations_family ON document_translations (family_id);

-- +goose Down
DROP TABLE document_translations;
DROP TABLE translators;
DROP TABLE document_thumbs;
ALTER TABLE documents DROP COLUMN meta_enc;
ALTER TABLE documents DROP COLUMN pages;
ALTER TABLE documents DROP COLUMN checked_at;
ALTER TABLE documents DROP COLUMN checked_by;
ALTER TABLE documents DROP COLUMN status;
ALTER TABLE documents DROP COLUMN kind;
