// Package law is Reunite's law engine: the rules of Form I-730 eligibility
// (8 CFR 207.7 and 208.21, INA 101(b)(1), 207(c)(2), 208(b)(3)) as pure
// functions of a case file and a day. Every rule returns a finding with its
// citation and a plain-language message naming the facts and dates it used;
// an unknown fact gives MISSING_FACT, never a guess.
package law
