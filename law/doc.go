// Package law is Reunite's law engine: the rules of Form I-730 eligibility
// (8 CFR 207.7 and 208.21, INA 101(b)(1), 207(c)(2), 208(b)(3)) as pure
// functions of a case file and a day. Every rule returns a finding with its
// citation and a plain-language message naming the facts and dates it used;
// an unknown fact gives MISSING_FACT, never a guess.
//
// Rules run on every assessment (a family's page, each saved version, the
// office's lists), so they are cheap: each rule appends its findings to the
// petition's list; a finding keeps its message key and the values it names
// (dates, numbers, enumerated words, as they are) and is written out only
// when its message is read (Finding.Message, Vars, JSON). The other texts
// an assessment holds (key date labels, hints, next steps) are Texts,
// written the same way when read (Text.String, JSON); English from
// templates compiled once. The lists of all petitions share a few blocks.
// None of this changes a word of the output:
// TestCompiledEnglishAgreesWithCatalog and TestTemplateAgreesWithMsgfmt
// compare it with msgfmt's.
package law
