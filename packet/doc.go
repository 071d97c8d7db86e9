// Package packet assembles the mail-ready Form I-730 filing for a family:
// for every relative the law engine does not find ineligible, the filled
// form, a cover letter, an exhibit index with tab pages, translator
// certifications, an additional-information sheet when text overflowed, a
// checklist of what a person must still do by hand, and one merged PDF to
// print and mail; for the family, a summary page, a one-page instruction
// sheet in their language, and manifest.json with the SHA-256 of every
// file.
//
// Everything that changes with the world is data: the filing address
// (data/filing-addresses.json, overridable from the data directory without
// a new release) and the instruction sheet's wording (catalog/*.json, one
// file per language). Documents are HTML templates printed by Chromium,
// which also shapes right-to-left and non-Latin scripts.
//
// Build writes into a temporary directory beside the destination and
// renames it at the end, so an error never leaves a partial packet.
package packet
