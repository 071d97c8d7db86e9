package web

import (
	"bytes"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
)

// TestBrowserPartnerShare: the US office's representative shares one
// relative (the daughter) with a partner office abroad; the partner's
// caseworker sees only that relative and adds a note about her; the
// representative revokes the share and the partner loses the family at
// once; the client reads the status page in Dari, right to left, and
// writes to the team. No note or message reaches the server's log or a URL.
func TestBrowserPartnerShare(t *testing.T) {
	var logs bytes.Buffer
	e := newEnvWith(t, func(c *Config) { c.Log = slog.New(slog.NewTextHandler(&logs, nil)) }).withOffices()
	fam := "/families/" + e.east.family
	const note = "Ruth registered with the camp office in Kakuma"
	const message = "شمارهٔ تلفن تازهٔ ما 0700123456 است"

	us := e.tab(1280, 1000, "partners-us")
	us.open("/login")
	us.do("sign in (US)", typeIn("login", e.east.logins[store.RoleRepresentative]), typeIn("password", testPassword), next())
	us.open(fam + "/shares")
	us.wantText("main", "This family is not shared with any other office.")
	us.do("share the daughter with west", typeIn("partner", e.west.admin.OrgID()), pick("scope", "members"),
		chromedp.Click(chromedp.CSS(`#share-m-daughter`)), pick("access", "write"), chromium.ClickAndWait(`#share button.primary`))
	us.wantText("table.shares tbody", "west", "Ruth Haile", "read, and add notes and tasks", "active")
	if got := us.text("table.shares tbody"); strings.Contains(got, "Dawit") {
		t.Errorf("the share names the husband: %q", got)
	}
	us.check("shared")

	abroad := e.tab(1280, 1000, "partners-abroad")
	abroad.open("/login")
	abroad.do("sign in (partner)", typeIn("login", e.west.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	abroad.open("/shared")
	abroad.wantText("#office-id", e.west.admin.OrgID())
	abroad.wantText("table.shared tbody", "Selam Tesfaye", "east")
	abroad.check("shared-with-us")
	abroad.do("open the shared family", chromium.ClickAndWait(`table.shared tbody a`))
	abroad.wantText("main", "Ruth Haile", "Only some relatives")
	if got := abroad.text("main"); strings.Contains(got, "Dawit") || strings.Contains(got, "Haile Dawit") {
		t.Errorf("the partner sees the husband: %q", got)
	}
	abroad.check("shared-family")
	abroad.do("notes", chromium.ClickAndWait(`.team-nav a[href$="/notes"]`))
	abroad.do("add a note on Ruth", chromedp.SetValue(chromedp.CSS(`#note-member`), "daughter"),
		typeIn("text", note+" @west-admin"), chromium.ClickAndWait(`#add-note button`))
	abroad.wantText("#thread-daughter", note, "caseworker")
	if got := abroad.text("main"); strings.Contains(got, "Dawit") {
		t.Errorf("the partner's notes page names the husband: %q", got)
	}
	abroad.check("note-added")

	// The US office sees the partner's note, marked as a partner's, and
	// the activity names it.
	us.open(fam + "/notes")
	us.wantText("#thread-daughter", note, "partner office")
	us.open(fam + "/activity")
	us.wantText("ol.activity", "added a note", "shared the family with a partner office")
	us.check("activity")

	us.open(fam + "/shares")
	us.do("revoke", chromium.ClickAndWait(`table.shares form button`))
	us.wantText("table.shares tbody", "revoked")
	us.check("revoked")
	abroad.open(fam)
	abroad.wantText("h1", "This page does not exist")
	abroad.open("/shared")
	abroad.wantText("main", "No office shares a family with yours")

	client := e.clientStatusInDari(t, "partners-client-fa", fam)
	client.wantText("main", "ما عریضهٔ", "Dawit Haile", "Ruth Haile", "آنچه از شما لازم داریم")
	client.check("status")
	client.do("write to the team", typeIn("text", message), chromium.ClickAndWait(`#send-message button`))
	client.wantText("ol.messages", message, "شما")
	client.check("message-sent")
	if got := client.text("main"); strings.Contains(got, note) {
		t.Error("the client sees the team's note")
	}
	us.open(fam + "/status")
	us.wantText("ol.messages", message)

	e.srv.Close() // every request answered and logged: the log is still
	for _, secret := range []string{note, message, "Kakuma"} {
		if strings.Contains(logs.String(), secret) || strings.Contains(logs.String(), url.QueryEscape(secret)) {
			t.Errorf("the server's log holds %q", secret)
		}
	}
	if !strings.Contains(logs.String(), "/shares") {
		t.Fatal("the log holds no request: the check above reads the wrong log")
	}
}
