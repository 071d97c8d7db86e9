package packet

import (
	"fmt"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/policy"
)

// noticeLine is a policy notice as the packet prints it: English, since
// the checklist and summary are read by whoever helps the family.
type noticeLine struct {
	Who, Title, When, Confidence, Sources, Text string
	Current                                     bool
}

func noticeLines(who string, ns []policy.Shown) []noticeLine {
	var out []noticeLine
	for _, n := range ns {
		titles := make([]string, len(n.Sources))
		for i, s := range n.Sources {
			titles[i] = s.Title
			if s.Date != nil {
				titles[i] += " (" + s.Date.String() + ")"
			}
		}
		out = append(out, noticeLine{Who: who, Title: n.Title, When: n.When("en"), Confidence: string(n.Confidence),
			Sources: strings.Join(titles, "; "), Text: n.Text, Current: n.Current})
	}
	return out
}

// noticesFor returns the notices that reach member id (English), or none
// when the build was given no notices.
func (b *builder) noticesFor(id string) []policy.Shown {
	if b.opt.Notices == nil {
		return nil
	}
	return b.opt.Notices.Petitions[id]
}

// tied returns the current notice of ns tied to a part of the packet.
func tied(ns []policy.Shown, tie string) *policy.Shown {
	for i := range ns {
		if ns[i].Tie == tie && ns[i].Current {
			return &ns[i]
		}
	}
	return nil
}

// signatureRule is the checklist's line for the signature rule: every box
// above is signed by hand, never typed or drawn, because a bad signature
// found after acceptance now costs the filing date.
func signatureRule(n *policy.Shown) string {
	return fmt.Sprintf("Print the form and sign each box named above by hand, in ink (a signature, a mark or an \"X\"). Never type a signature, stamp it or draw it on a screen; a scan or copy of a handwritten signature is accepted. Since %s a signature found invalid after USCIS accepted the petition lets USCIS reject it (the filing date is lost) or deny it, with no chance to correct (%s; %s).",
		n.Effective, sourceTitles(n), n.Confidence)
}

// sexRule is the checklist's line for a person recorded as X: the form
// has only M and F, and Reunite leaves the choice to them and a lawyer.
func sexRule(name string, n *policy.Shown) string {
	return fmt.Sprintf("%s is recorded as X. Since %s USCIS forms carry only M or F (%s; %s): the sex item is left blank. Decide with a lawyer what to mark, and mark it by hand.",
		name, n.Effective, sourceTitles(n), n.Confidence)
}

func sourceTitles(n *policy.Shown) string {
	t := make([]string, len(n.Sources))
	for i, s := range n.Sources {
		t[i] = s.Title
	}
	return strings.Join(t, "; ")
}

// personName is a name for the checklist, or a stand-in.
func personName(n reunite.Name, fallback string) string {
	if s := n.Full(); s != "" {
		return s
	}
	return fallback
}

// socialMediaRule is the checklist's line for the social-media
// identifiers USCIS collects: what the case file records for the relative
// and the petitioner, or a request to ask them.
func socialMediaRule(n *policy.Shown, who []string, lists [][]reunite.SocialMediaAccount) string {
	var parts []string
	for i, list := range lists {
		if len(list) == 0 {
			parts = append(parts, who[i]+": none recorded, ask")
			continue
		}
		var acc []string
		for _, a := range list {
			acc = append(acc, a.Platform+" "+a.Handle)
		}
		parts = append(parts, who[i]+": "+strings.Join(acc, ", "))
	}
	return fmt.Sprintf("Social-media identifiers (every platform and user name of about the last five years; never a password). USCIS collects them on the I-730 since %s (%s; %s), but whether on a supplement or a new page is not confirmed: write them where the current edition asks. %s.",
		n.Effective, sourceTitles(n), n.Confidence, strings.Join(parts, "; "))
}
