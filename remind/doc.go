// Package remind decides who must hear about which due date and when, and
// writes the message, from the office's open due dates and a day: pure
// functions, no clock, no database, no network. The reminder round
// (remind/round) reads the store, claims each reminder there before
// sending so that none goes out twice, and sends through remind/mailer.
//
// E-mail is not a confidential channel (8 CFR 208.6 protects asylum
// information): a subject never names a family, and a body says only what
// is due, when, and the link to the page, by ids.
package remind
