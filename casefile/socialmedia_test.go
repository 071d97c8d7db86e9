package casefile

import (
	"slices"
	"testing"
)

// TestSocialMedia: social-media identifiers are optional facts of the
// principal and of each relative; an entry must name both the platform and
// the user name, and a misspelt key is still an error.
func TestSocialMedia(t *testing.T) {
	good := `{"format":"reunite.case/v1","principal":{"social_media":[{"platform":"Facebook","handle":"selam.t"}]},
"family":[{"id":"h","social_media":[{"platform":"Telegram","handle":"@dawit"}]}]}`
	f, err := Decode([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if f.Principal.SocialMedia[0].Handle != "selam.t" || f.Members[0].SocialMedia[0].Platform != "Telegram" {
		t.Errorf("read %+v %+v", f.Principal.SocialMedia, f.Members[0].SocialMedia)
	}
	// A misspelt key stops the reading; a half entry is found after it.
	got := problems(t, `{"format":"reunite.case/v1","principal":{"social_media":[{"platform":"Facebook"}]},"family":[]}`)
	got = append(got, problems(t, `{"format":"reunite.case/v1","principal":{},
"family":[{"id":"h","social_media":[{"platfrom":"X","handle":"a"}]}]}`)...)
	for _, want := range []string{
		"principal.social_media[0].handle: the user name is missing (expected the name or address shown on the platform)",
		`family[0].social_media[0].platfrom: unknown key (did you mean "platform"?)`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
}
