package tracking

import "github.com/reunite/reunite"

// Kind is what happened to a petition.
type Kind string

// The kinds of event, in the order a petition usually meets them.
const (
	Prepared          Kind = "prepared"           // the packet is ready to sign and mail
	Mailed            Kind = "mailed"             // mailed to USCIS: carrier, tracking number
	Rejected          Kind = "rejected"           // returned at intake (unsigned, wrong edition...)
	ReceiptNotice     Kind = "receipt"            // Form I-797C receipt notice: receipt number
	Biometrics        Kind = "biometrics"         // appointment notice for biometrics
	Interview         Kind = "interview"          // interview notice (USCIS)
	RFE               Kind = "rfe"                // request for evidence: due date printed on it
	NOID              Kind = "noid"               // notice of intent to deny: due date printed on it
	ResponseSent      Kind = "response_sent"      // the response to an RFE or NOID went out
	Approved          Kind = "approved"           // Form I-797 approval notice
	Denied            Kind = "denied"             // denial notice
	MotionFiled       Kind = "motion_filed"       // Form I-290B motion to reopen or reconsider
	SentToNVC         Kind = "sent_to_nvc"        // relative abroad: sent to the National Visa Center / embassy
	ConsularInterview Kind = "consular_interview" // relative abroad: interview at the embassy or USCIS office
	Medical           Kind = "medical"            // relative abroad: medical exam by a panel physician
	VisaIssued        Kind = "visa_issued"        // Visas 92 or 93 travel document, with its validity
	Travel            Kind = "travel"             // travel booked: the day of departure
	Arrived           Kind = "arrived"            // admitted at a port of entry: I-94
	AdjustmentFiled   Kind = "adjustment_filed"   // Form I-485 filed
	Withdrawn         Kind = "withdrawn"          // the petition was withdrawn or the case closed
	Retracted         Kind = "retracted"          // an earlier event was entered by mistake
)

// Kinds lists every kind, for forms and for checking input.
var Kinds = []Kind{Prepared, Mailed, Rejected, ReceiptNotice, Biometrics, Interview, RFE, NOID,
	ResponseSent, Approved, Denied, MotionFiled, SentToNVC, ConsularInterview, Medical, VisaIssued,
	Travel, Arrived, AdjustmentFiled, Withdrawn, Retracted}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Delivery is how a notice or decision reached the family. It decides the
// days added for mailing (8 CFR 103.8(b)).
type Delivery string

const (
	ByMail       Delivery = "mail"        // mailed to an address in the United States (the default)
	ByMailAbroad Delivery = "mail_abroad" // mailed to an address outside the United States
	InPerson     Delivery = "in_person"   // handed over or sent electronically: no mailing days
)

// Event is one dated fact of a petition, as a person entered it from the
// document that proves it. Date is the day of the document (the notice date
// of a notice, the day of mailing, of arrival); the other fields are set
// only for the kinds that have them.
type Event struct {
	Kind Kind         `json:"kind"`
	Date reunite.Date `json:"date,omitzero"`

	Carrier  string `json:"carrier,omitzero"`  // Mailed
	Tracking string `json:"tracking,omitzero"` // Mailed: the carrier's tracking number

	Receipt Receipt `json:"receipt,omitzero"` // ReceiptNotice

	// Due is the response due date printed on an RFE or NOID: authoritative.
	// Zero when the person has not entered it yet; a default is then
	// suggested and marked "check the notice".
	Due      reunite.Date `json:"due,omitzero"`
	Delivery Delivery     `json:"delivery,omitzero"` // RFE, NOID, Denied: how the notice came

	Appointment reunite.Date `json:"appointment,omitzero"` // Biometrics, Interview, ConsularInterview

	VisaClass  string       `json:"visa_class,omitzero"`  // VisaIssued: "V92" or "V93"
	ValidUntil reunite.Date `json:"valid_until,omitzero"` // VisaIssued, Medical: last day of validity

	I94 string `json:"i94,omitzero"` // Arrived: admission number

	// Corrects is the sequence number (1-based, in the petition's history)
	// of an earlier event this one replaces; 0 for a new fact. A correction
	// has the kind of the event it corrects; a Retracted event withdraws it.
	Corrects int `json:"corrects,omitzero"`

	Note string `json:"note,omitzero"`
}
