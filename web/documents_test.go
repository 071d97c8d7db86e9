package web

import (
	"bytes"
	"context"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

// upload posts a multipart form: fields, then files (name, content).
func (b *browser) uploadFiles(path string, fields url.Values, files ...[2]string) page {
	b.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile("file", f[0])
		io.WriteString(w, f[1])
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// testPhoto is a small JPEG, as a phone would send.
func testPhoto(t testing.TB) string {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func (e *env) documents(a store.Actor, family string) []store.Document {
	e.t.Helper()
	docs, err := e.st.Documents(context.Background(), a, family)
	if err != nil {
		e.t.Fatal(err)
	}
	return docs
}

// TestDocumentUploadAndReview: a client uploads a photo of a marriage
// certificate in Arabic; it serves the husband; its preview is shown;
// staff check it and attach a typed translation by a new translator,
// whom the next translation reuses; the dashboard counts it.
func TestDocumentUploadAndReview(t *testing.T) {
	e := newEnv(t).withOffices()
	client := e.browser().login(e.east.logins[store.RoleClient])
	fam := "/families/" + e.east.family
	p := client.uploadFiles(fam+"/documents", url.Values{"member": {"husband"}, "kind": {"marriage_certificate"}, "language": {"ar"}},
		[2]string{"IMG_0042.jpg", testPhoto(t)})
	wantStatus(t, p, http.StatusSeeOther)
	docs := e.documents(e.east.worker, e.east.family)
	if len(docs) != 1 {
		t.Fatalf("%d documents stored", len(docs))
	}
	d := docs[0]
	if d.Kind != "marriage_certificate" || !d.Serves("husband") || d.Language != "ar" || d.Status != store.DocReceived || !d.Thumb || d.ContentType != "image/jpeg" {
		t.Errorf("stored: %+v", d)
	}
	page := client.get(fam + "/documents")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, "IMG_0042.jpg", "What we still need from you", `capture="environment"`, `accept="image/*,application/pdf"`, "/documents/"+d.ID+"/thumb")
	th := client.get(fam + "/documents/" + d.ID + "/thumb")
	wantStatus(t, th, http.StatusOK)
	if th.Header.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(th.Body, "\xff\xd8") {
		t.Errorf("thumb: %s", th.Header.Get("Content-Type"))
	}
	// In the client's language: the same list, in Arabic.
	client.lang = "ar"
	wantBody(t, client.get(fam+"/documents"), "ما زلنا نحتاج منك")
	client.lang = ""
	// The client may not check documents or attach translations.
	wantStatus(t, client.post(fam+"/documents/"+d.ID+"/status", url.Values{"status": {"checked"}}), http.StatusForbidden)

	staff := e.browser().login(e.east.logins[store.RoleCaseworker])
	wantStatus(t, staff.post(fam+"/documents/"+d.ID+"/status", url.Values{"status": {"checked"}}), http.StatusSeeOther)
	wantStatus(t, staff.uploadFiles(fam+"/documents/"+d.ID+"/translations", url.Values{"tr_given": {"Sara"}, "tr_family": {"Khoury"},
		"tr_address": {"9 Translator Lane, Oakland, CA"}, "text": {"Certificate of marriage"}}), http.StatusSeeOther)
	trs, _ := e.st.Translators(context.Background(), e.east.worker)
	if len(trs) != 1 || trs[0].Name.Full() != "Sara Khoury" {
		t.Fatalf("translators: %+v", trs)
	}
	// A second translation reuses the translator; both are listed.
	wantStatus(t, staff.uploadFiles(fam+"/documents/"+d.ID+"/translations", url.Values{"translator": {trs[0].ID}}, [2]string{"tr.jpg", testPhoto(t)}), http.StatusSeeOther)
	d = e.documents(e.east.worker, e.east.family)[0]
	if d.Status != store.DocChecked || d.CheckedBy != e.east.worker.UserID() || len(d.Translations) != 2 {
		t.Fatalf("after review: %+v", d)
	}
	// Both were saved at the test clock's one instant: find each by type.
	if d.Translations[0].ContentType == "image/jpeg" {
		d.Translations[0], d.Translations[1] = d.Translations[1], d.Translations[0]
	}
	if d.Translations[1].ContentType != "image/jpeg" {
		t.Errorf("the uploaded translation is stored as %s", d.Translations[1].ContentType)
	}
	page = staff.get(fam + "/documents")
	wantBody(t, page, "checked by caseworker", "Sara Khoury", "/translations/"+d.Translations[0].ID)
	typed := staff.get(fam + "/translations/" + d.Translations[0].ID)
	if typed.Body != "Certificate of marriage" || !strings.HasPrefix(typed.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("typed translation: %q %s", typed.Body, typed.Header.Get("Content-Type"))
	}
	// The dashboard counts the document for the husband.
	wantBody(t, staff.get(fam), "1 of 4 documents")
	// Another office sees nothing of it.
	west := e.browser().login(e.west.logins[store.RoleCaseworker])
	wantStatus(t, west.get(fam+"/documents/"+d.ID), http.StatusNotFound)
	wantStatus(t, west.get(fam+"/documents"), http.StatusNotFound)
}

// TestDocumentUploadRefused: a renamed program, an empty file, an image
// of 10,000 x 10,000 pixels, a HEIC photo and a file over the limit are
// each refused with a message naming the file, and nothing is stored.
func TestDocumentUploadRefused(t *testing.T) {
	e := newEnv(t).withOffices()
	client := e.browser().login(e.east.logins[store.RoleClient])
	fam := "/families/" + e.east.family
	// A PNG header saying 10,000 x 10,000 pixels: refused before decoding.
	ihdr := "IHDR\x00\x00\x27\x10\x00\x00\x27\x10\x08\x06\x00\x00\x00"
	crc := crc32.ChecksumIEEE([]byte(ihdr))
	hugePNG := "\x89PNG\r\n\x1a\n\x00\x00\x00\x0d" + ihdr + string([]byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	cases := []struct {
		file, content string
		status        int
		says          string
	}{
		{"birth-certificate.jpg", "MZ\x90\x00\x03\x00\x00\x00" + strings.Repeat("\x00", 100), http.StatusUnprocessableEntity, "birth-certificate.jpg: this file is a program"},
		{"empty.pdf", "", http.StatusUnprocessableEntity, "empty.pdf: the file is empty"},
		{"scan.png", hugePNG, http.StatusUnprocessableEntity, "scan.png: the picture is too large"},
		{"IMG_1.HEIC", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", http.StatusUnprocessableEntity, "IMG_1.HEIC: HEIC photos"},
		{"big.pdf", "%PDF-1.7\n" + strings.Repeat("x", 26<<20), http.StatusRequestEntityTooLarge, "big.pdf: the file is larger than 25 MB"},
	}
	for _, c := range cases {
		// A good first page does not save a document with a bad second one.
		p := client.uploadFiles(fam+"/documents", url.Values{"member": {"daughter"}, "kind": {"birth_certificate"}},
			[2]string{"page1.jpg", testPhoto(t)}, [2]string{c.file, c.content})
		if p.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.file, p.StatusCode, c.status)
		}
		wantBody(t, p, c.says)
	}
	if docs := e.documents(e.east.worker, e.east.family); len(docs) != 0 {
		t.Errorf("refused uploads stored %d documents", len(docs))
	}
	// A relative the family does not have, or no file at all.
	wantStatus(t, client.uploadFiles(fam+"/documents", url.Values{"member": {"nobody"}, "kind": {"photo"}}, [2]string{"a.jpg", testPhoto(t)}), http.StatusUnprocessableEntity)
	wantStatus(t, client.uploadFiles(fam+"/documents", url.Values{"member": {"daughter"}, "kind": {"photo"}}), http.StatusUnprocessableEntity)
}

// TestStatusProofServesEveryPetition: the petitioner's proof of status,
// uploaded from any relative's form, counts in every relative's checklist;
// an empty second file input (no name, no bytes) is ignored.
func TestStatusProofServesEveryPetition(t *testing.T) {
	e := newEnv(t).withOffices()
	staff := e.browser().login(e.east.logins[store.RoleCaseworker])
	fam := "/families/" + e.east.family
	wantStatus(t, staff.uploadFiles(fam+"/documents", url.Values{"member": {"daughter"}, "kind": {"status_proof"}},
		[2]string{"i94.jpg", testPhoto(t)}, [2]string{"", ""}), http.StatusSeeOther)
	docs := e.documents(e.east.worker, e.east.family)
	if len(docs) != 1 || !docs[0].Serves("principal") || docs[0].Serves("daughter") || docs[0].Pages != 1 {
		t.Fatalf("stored: %+v", docs)
	}
	wantBody(t, staff.get(fam), "1 of 4 documents", "1 of 3 documents")
}
