package mailer

import (
	"strings"
	"testing"
)

func TestConfigNamesWhatIsWrong(t *testing.T) {
	for _, tc := range []struct {
		c    Config
		want []string
	}{
		{Config{}, []string{"smtp host: missing", "smtp from"}},
		{Config{Host: "mail", From: "Reunite <r@example.org>"}, []string{"smtp from: \"Reunite <r@example.org>\""}},
		{Config{Host: "mail", From: "r@example.org", TLS: "ssl"}, []string{"smtp tls: \"ssl\": expected starttls, tls or none"}},
		{Config{Host: "mail", From: "r@example.org", User: "r"}, []string{"smtp password: missing"}},
		{Config{Host: "mail", From: "r@example.org", User: "r", Password: "p", TLS: NoTLS}, []string{"never sent without TLS"}},
		{Config{Host: "mail", From: "r@example.org", Port: 70000}, []string{"smtp port: 70000"}},
	} {
		err := tc.c.Check()
		for _, w := range tc.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %v, want %q", tc.c, err, w)
			}
		}
	}
	m, err := New(Config{Host: "mail.example.org", From: "r@example.org", User: "r", Password: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	if d := m.Describe(); d != "mail.example.org:587 (STARTTLS) as r from r@example.org" || strings.Contains(d, "secret") {
		t.Errorf("Describe = %q", d)
	}
}
