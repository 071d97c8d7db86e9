// Package i18n holds the interface's words in every language Reunite
// speaks, as JSON catalogs in catalogs/ that a translator edits without
// touching Go, and chooses a language for a request: the one the user
// picked, else the best match for the browser's Accept-Language, else
// English. It also formats dates and numbers for a language and says which
// languages are written right to left.
//
// A catalog is {"meta": {...}, "messages": {"key": "text with {name}"}}.
// meta.needs_review lists the keys whose translation a native speaker has
// not yet checked ("*" for all of them); the interface works either way,
// the list is for translators.
package i18n
