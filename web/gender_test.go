package web

import (
	"net/http"
	"testing"
)

// TestIntakeGrammarFollowsTheRelativesSex: in Arabic, the questions and
// choices about the daughter (sex F) are feminine, those about the husband
// masculine, and the name is in <bdi>.
func TestIntakeGrammarFollowsTheRelativesSex(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	b.lang = "ar"
	base := "/families/" + e.east.family + "/intake/relative/"
	p := b.get(base + "daughter")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "هل <bdi>Ruth Haile</bdi> متزوجة الآن؟", "> متزوجة</label>", "> مطلّقة</label>")
	p = b.get(base + "husband")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "هل <bdi>Dawit Haile</bdi> متزوج الآن؟", "> متزوج</label>", "> أرمل</label>")
}
