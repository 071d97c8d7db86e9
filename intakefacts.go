package reunite

// Facts about the answers themselves, which the guided intake and the
// office need but the law does not. Like formfacts.go they are optional
// additions to the case file (reunite.case/v1 allows additions, never
// renames); docs/case-file-additions.md documents them.

// IntakeFacts records how the family's questions were answered.
type IntakeFacts struct {
	// Unknown lists the facts a person answered "I don't know". The
	// contract writes an unknown fact as absent, which cannot tell "not
	// asked yet" from "asked, and no one knows": this list can, so that an
	// intake reopened shows the answer given and counts it as answered.
	Unknown []FactRef `json:"unknown,omitzero"`
	// HelpersAsked is true once someone answered whether an interpreter,
	// a preparer or a representative helped: until then their absence
	// means "not asked", not "no one".
	HelpersAsked bool `json:"helpers_asked,omitzero"`
}

// FactRef names one fact of the case file: Member is "principal", a
// member's id, or empty for a fact of the whole family (filing_date);
// Fact is the fact's path inside it, as the case file writes it
// ("birth_date", "marriage.valid_where_celebrated").
type FactRef struct {
	Member string `json:"member,omitzero"`
	Fact   string `json:"fact"`
}

// Origin says which stored family and version a case file was exported
// from, so that importing it again updates that family (and refuses when
// someone changed it meanwhile) instead of creating a second one.
type Origin struct {
	FamilyID string `json:"family_id"`
	Version  int    `json:"version"`
}

// UnknownAnswer reports whether a person answered "I don't know" to the
// fact.
func (f *Family) UnknownAnswer(ref FactRef) bool {
	if f.Intake == nil {
		return false
	}
	for _, r := range f.Intake.Unknown {
		if r == ref {
			return true
		}
	}
	return false
}

// SetUnknownAnswer records (or, with unknown false, forgets) that a person
// answered "I don't know" to the fact.
func (f *Family) SetUnknownAnswer(ref FactRef, unknown bool) {
	if unknown == f.UnknownAnswer(ref) {
		return
	}
	if unknown {
		if f.Intake == nil {
			f.Intake = &IntakeFacts{}
		}
		f.Intake.Unknown = append(f.Intake.Unknown, ref)
		return
	}
	out := f.Intake.Unknown[:0]
	for _, r := range f.Intake.Unknown {
		if r != ref {
			out = append(out, r)
		}
	}
	f.Intake.Unknown = out
	if len(out) == 0 {
		f.Intake.Unknown = nil
	}
	if len(out) == 0 && !f.Intake.HelpersAsked {
		f.Intake = nil
	}
}
