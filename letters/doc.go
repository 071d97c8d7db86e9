// Package letters writes the documents a team drafts from a relative's risk
// log: the letter asking USCIS to expedite a petition, and a declaration
// (affidavit) of a witness, in English with the original-language text
// beside it and a translator's certification when it was translated.
//
// Both are drafts for a person to read, edit and sign: they say only what
// the log and the witness said, leave a blank (never a guess) where a fact
// is missing, and list what the signer must check. They are HTML printed to
// PDF through a Printer (forms.Chromium), the same path as the packet.
package letters
