package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

func (b *browser) upload(path string, version int, data []byte) page {
	b.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("version", strconv.Itoa(version))
	fw, _ := mw.CreateFormFile("file", "case.json")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// TestUploadUpdatesFamily: the downloaded case file, edited and sent back,
// is a new version of the same family; a stale page or a bad file
// changes nothing.
func TestUploadUpdatesFamily(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	fam := "/families/" + e.east.family
	dl := b.get(fam + "/case.json")
	wantStatus(t, dl, http.StatusOK)
	wantBody(t, dl, `"family_id": "`+e.east.family+`"`)
	before, _ := e.st.OfficeFamilies(t.Context(), e.east.worker)
	rec, _ := e.st.Family(t.Context(), e.east.worker, e.east.family)

	edited := strings.Replace(dl.Body, `"given": "Dawit"`, `"given": "Dawit Tesfa"`, 1)
	wantRedirect(t, b.upload(fam+"/case.json", rec.Version, []byte(edited)), fam)
	after, _ := e.st.Family(t.Context(), e.east.worker, e.east.family)
	if after.Version != rec.Version+1 || after.Family.Member("husband").Name.Given != "Dawit Tesfa" {
		t.Errorf("after the upload: version %d, %+v", after.Version, after.Family.Member("husband").Name)
	}
	if all, _ := e.st.OfficeFamilies(t.Context(), e.east.worker); len(all) != len(before) {
		t.Errorf("%d families after the upload, %d before", len(all), len(before))
	}
	// The page the upload came from is older than the family now.
	wantStatus(t, b.upload(fam+"/case.json", rec.Version, []byte(edited)), http.StatusConflict)
	p := b.upload(fam+"/case.json", after.Version, []byte(`{"format":"reunite.case/v1","principal":{"nmae":{}},"family":[]}`))
	wantStatus(t, p, http.StatusUnprocessableEntity)
	if again, _ := e.st.Family(t.Context(), e.east.worker, e.east.family); again.Version != after.Version {
		t.Error("a bad file changed the family")
	}
	// A client may not upload.
	c := e.browser().login(e.east.logins["client"])
	wantStatus(t, c.upload(fam+"/case.json", after.Version, []byte(edited)), http.StatusForbidden)
}

// TestSameANumberFlagged: two families of one office with the same
// A-Number are flagged on both dashboards; another office's is not.
func TestSameANumberFlagged(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := t.Context()
	one := sampleFamily("Tesfaye", "Selam")
	one.Principal.ANumber = "A201234567"
	two := sampleFamily("Tesfay", "Selam")
	two.Principal.ANumber = "201234567"
	a, err := e.st.CreateFamily(ctx, e.east.worker, one)
	if err != nil {
		t.Fatal(err)
	}
	bRec, err := e.st.CreateFamily(ctx, e.east.worker, two)
	if err != nil {
		t.Fatal(err)
	}
	three := sampleFamily("Other", "Office")
	three.Principal.ANumber = "A201234567"
	if _, err := e.st.CreateFamily(ctx, e.west.worker, three); err != nil {
		t.Fatal(err)
	}
	b := e.browser().login(e.east.logins["caseworker"])
	wantBody(t, b.get("/families/"+a.ID), "same A-Number", `href="/families/`+bRec.ID+`"`, "Selam Tesfay<")
	p := b.get("/families/" + bRec.ID)
	wantBody(t, p, "same A-Number", `href="/families/`+a.ID+`"`)
	if strings.Contains(p.Body, "Office Other") {
		t.Error("another office's family is named")
	}
	if p := b.get("/families/" + e.east.other); strings.Contains(p.Body, "same A-Number") {
		t.Error("a family with another A-Number is flagged")
	}
	_ = reunite.CaseFormat
}
