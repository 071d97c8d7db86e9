package tracking

// Plain English for refusal messages and the timeline; the web pages carry
// their own translations keyed by the same codes.

var kindText = map[Kind]string{
	Prepared: "the packet prepared", Mailed: "the mailing", Rejected: "a rejection at intake",
	ReceiptNotice: "the receipt notice", Biometrics: "a biometrics appointment", Interview: "an interview notice",
	RFE: "a request for evidence", NOID: "a notice of intent to deny", ResponseSent: "the response",
	Approved: "the approval", Denied: "the denial", MotionFiled: "a motion (I-290B)",
	SentToNVC: "the transfer to the National Visa Center", ConsularInterview: "the consular interview",
	Medical: "the medical exam", VisaIssued: "the visa (travel document)", Travel: "the travel booking",
	Arrived: "the arrival", AdjustmentFiled: "the green-card application (I-485)", Withdrawn: "a withdrawal",
	Retracted: "a retraction",
}

var stageText = map[Stage]string{
	NotStarted: "not started", StPrepared: "prepared, not mailed", StMailed: "mailed, waiting for the receipt",
	StRejected: "rejected at intake", StPending: "pending with USCIS", StRFE: "waiting for a response to a request for evidence",
	StNOID: "waiting for a response to a notice of intent to deny", StResponded: "pending with USCIS after a response",
	StApproved: "approved", StDenied: "denied", StMotion: "denied, with a motion filed",
	StConsular: "in consular processing", StVisa: "visa issued", StTravel: "travel booked",
	StArrived: "arrived", StAdjusting: "green card applied for", StWithdrawn: "withdrawn",
}

func kindWords(k Kind) string {
	if s, ok := kindText[k]; ok {
		return s
	}
	return string(k)
}

func stageWords(s Stage) string {
	if t, ok := stageText[s]; ok {
		return t
	}
	return string(s)
}

// Words returns the plain-English name of a kind of event.
func (k Kind) Words() string { return kindWords(k) }

// Words returns the plain-English name of a stage.
func (s Stage) Words() string { return stageWords(s) }
