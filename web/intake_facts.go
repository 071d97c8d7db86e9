package web

// factPath maps a question to the path of its fact in the case file
// (inside the principal, the relative, or the family), where the case-file
// checks name it and where an "I don't know" answer is remembered.
var factPath = map[string]string{
	"birth": "birth_date", "sex": "sex", "status": "status", "a_number": "a_number",
	"asylum_filed": "asylum_filed", "refugee_interview": "refugee_interview", "status_date": "status_date",
	"naturalized_on": "naturalized_on", "filing_date": "filing_date",
	"marital": "marital_status", "location": "location",
	"marriage_date": "marriage.date", "marriage_form": "marriage.form",
	"valid": "marriage.valid_where_celebrated", "consummated": "marriage.consummated",
	"marriage_ended": "marriage.ended",
	"kind":           "child.kind", "wedlock": "child.born_in_wedlock", "legitimated": "child.legitimated",
	"bona_fide": "child.bona_fide_relationship", "parent_marriage": "child.parent_marriage_date",
	"parent": "child.parent_member", "parent_marriage_form": "child.parent_marriage_form",
	"parent_valid":  "child.parent_marriage_valid_where_celebrated",
	"adoption_date": "child.adoption_date", "custody": "child.custody_years",
	"sibling16": "child.sibling_adopted_under_16", "battered": "child.battered_by_adoptive_family",
	"conceived": "child.conceived_before_status", "child_married": "child.marriage_date",
	"child_marriage_ended": "child.marriage_ended", "listed": "listed_on_principal_application",
	"persecutor": "persecutor", "other_bars": "other_bars", "removal": "removal_proceedings",
	"protected": "already_protected", "fraud": "marriage_fraud_finding",
}
