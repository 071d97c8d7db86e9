package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
)

// arabicBirthCertificate is a phone photo of a birth certificate in
// Arabic: Chromium draws the certificate, and its screenshot is the JPEG a
// phone's camera would send.
func arabicBirthCertificate(t *testing.T, ctx context.Context) string {
	t.Helper()
	page := `<html lang="ar" dir="rtl"><body style="font:28px 'Noto Naskh Arabic',serif;background:#f4ecd8;padding:40px">` +
		`<h1>شهادة ميلاد</h1><p>الاسم: روث هايلي</p><p>تاريخ الميلاد: 29 فبراير 2004</p><p>مكان الميلاد: أسمرة</p></body></html>`
	chromium.Step(t, ctx, "draw the certificate", chromedp.Navigate("data:text/html;charset=utf-8,"+page))
	jpg, err := chromedp.Run(ctx, chromedp.FullScreenshot(85))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(jpg, []byte{0xFF, 0xD8}) {
		t.Fatal("the screenshot is not a JPEG")
	}
	path := filepath.Join(t.TempDir(), "IMG_20260302_0915.jpg")
	if err := os.WriteFile(path, jpg, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserClientPhotoStaffTranslationPacket: a client, on a phone,
// uploads a photo of her daughter's Arabic birth certificate; a
// caseworker attaches the English translation by a new translator; the
// packet's merged PDF has the photo, the translation and the translator's
// certification, in that order, behind the daughter's relationship tab.
func TestBrowserClientPhotoStaffTranslationPacket(t *testing.T) {
	e := packetEnv(t).withOffices()
	fam := "/families/" + e.east.family

	phone := e.tab(360, 740, "docs-client")
	photo := arabicBirthCertificate(t, phone.ctx)
	phone.open("/login")
	phone.do("sign in", typeIn("login", e.east.logins[store.RoleClient]), typeIn("password", testPassword), next())
	phone.open(fam + "/documents")
	phone.wantText("#still-needed", "What we still need from you", "Birth certificate")
	phone.check("needed")
	phone.do("upload the photo",
		chromedp.SetValue(chromedp.CSS(`#kind-daughter`), "birth_certificate"),
		chromedp.SendKeys(chromedp.CSS(`#lang-daughter`), "ar"),
		chromedp.SetUploadFiles(chromedp.CSS(`#file-daughter`), []string{photo}),
		chromium.ClickAndWait(`#m-daughter form.upload button`))
	docs := e.documents(e.east.worker, e.east.family)
	if len(docs) != 1 || docs[0].Kind != "birth_certificate" || docs[0].Language != "ar" || !docs[0].Serves("daughter") {
		t.Fatalf("after the upload: %+v", docs)
	}
	doc := docs[0].ID
	phone.wantText("#m-daughter", "IMG_20260302_0915.jpg", "received, not yet checked")
	phone.check("uploaded")

	desk := e.tab(1280, 1000, "docs-staff")
	desk.open("/login")
	desk.do("sign in", typeIn("login", e.east.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	desk.open(fam + "/documents")
	d := "#d-" + doc
	desk.do("check the photo", chromedp.SetValue(chromedp.CSS(`#st-`+doc), "checked"), chromium.ClickAndWait(d+` form.inline button`))
	desk.do("attach the translation",
		chromedp.SendKeys(chromedp.CSS(`#trg-`+doc), "Sara"),
		chromedp.SendKeys(chromedp.CSS(`#trf-`+doc), "Khoury"),
		chromedp.SendKeys(chromedp.CSS(`#tra-`+doc), "9 Translator Lane, Oakland, CA 94607"),
		chromedp.SendKeys(chromedp.CSS(`#trt-`+doc), "BIRTH CERTIFICATE. Name: Ruth Haile. Date of birth: 29 February 2004. Place of birth: Asmara."),
		chromium.ClickAndWait(d+` .translation-form button`))
	desk.wantText(d, "checked by", "English translation", "Sara Khoury")
	desk.check("translated")

	// The dossier for the legal team: the photo's translation under the
	// daughter, in the outline.
	staff := e.browser().login(e.east.logins[store.RoleCaseworker])
	ds := staff.get(fam + "/dossier.pdf")
	wantStatus(t, ds, http.StatusOK)
	if dt := pdfToText(t, []byte(ds.Body), 0); !strings.Contains(dt, "Timeline") || !strings.Contains(dt, "BIRTH CERTIFICATE. Name: Ruth Haile") {
		t.Errorf("the dossier lacks the timeline or the translation")
	}
	// The packet, downloaded as the caseworker.
	p := staff.get(fam + "/packet.zip")
	wantStatus(t, p, http.StatusOK)
	merged := mergedPDFOf(t, []byte(p.Body), "daughter")
	text := pdfToText(t, merged, 0)
	for _, s := range []string{"BIRTH CERTIFICATE. Name: Ruth Haile", "Certification of translation", "Sara Khoury", "9 Translator Lane"} {
		if !strings.Contains(text, s) {
			t.Errorf("the merged PDF lacks %q", s)
		}
	}
	// Page by page: the tab of the relationship exhibit, then the photo
	// (an image, no text), then the translation, then the certification.
	n := strings.Count(text, "\f")
	tab := 0
	for pg := 1; pg <= n && tab == 0; pg++ {
		if s := pdfToText(t, merged, pg); strings.Contains(s, "EXHIBIT") && strings.Contains(s, "child") {
			tab = pg
		}
	}
	if tab == 0 {
		t.Fatal("no tab for the relationship exhibit")
	}
	if s := strings.TrimSpace(pdfToText(t, merged, tab+1)); s != "" || !hasImage(t, merged, tab+1) {
		t.Errorf("page %d (after the tab) is not the photo: text %q", tab+1, s)
	}
	if s := pdfToText(t, merged, tab+2); !strings.Contains(s, "BIRTH CERTIFICATE. Name: Ruth Haile") {
		t.Errorf("page %d is not the translation: %q", tab+2, s)
	}
	if s := pdfToText(t, merged, tab+3); !strings.Contains(s, "Certification of translation") || !strings.Contains(s, "Sara Khoury") {
		t.Errorf("page %d is not the certification: %q", tab+3, s)
	}
}

// mergedPDFOf finds the petition-to-mail.pdf of a relative in a packet zip.
func mergedPDFOf(t *testing.T, zipped []byte, member string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, "-"+member+"/petition-to-mail.pdf") {
			r, _ := f.Open()
			defer r.Close()
			data, _ := io.ReadAll(r)
			return data
		}
	}
	t.Fatalf("no petition-to-mail.pdf for %s in the packet", member)
	return nil
}

// pdfToText is pdftotext of one page, or of all with page 0.
func pdfToText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.pdf")
	os.WriteFile(path, pdf, 0o600)
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func hasImage(t *testing.T, pdf []byte, page int) bool {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.pdf")
	os.WriteFile(path, pdf, 0o600)
	p := strconv.Itoa(page)
	out, err := exec.Command("pdfimages", "-f", p, "-l", p, "-list", path).Output()
	return err == nil && strings.Count(string(out), "\n") > 2
}
