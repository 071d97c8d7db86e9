// Package forms fills the official USCIS Form I-730 from a case file.
//
// USCIS owns the PDF, so Reunite never ships it: the user downloads it and
// adds it with Add, which checks the edition printed in the footer, the set
// of fields against the edition's field map and the file's SHA-256. The field
// maps are data (editions/*.tsv): one row per AcroForm field, naming the
// case-file fact it shows, so a new edition is a new data file.
//
// Fill writes a flat, unencrypted PDF that every viewer shows the same way:
// the XFA layer and the usage-rights signature are removed, every filled
// field gets its own appearance stream, and text in non-Latin scripts (Part
// 2 item 22) is drawn by an HTML renderer (Chromium) and stamped onto the
// page, because no pure-Go PDF library shapes Arabic or Ethiopic correctly.
package forms
