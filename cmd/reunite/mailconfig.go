package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/reunite/reunite/remind/mailer"
)

// mailFlags are the SMTP settings of `reunite serve` and `reunite remind`.
// Each flag has an environment variable; the password has only the
// variable, so that it never shows in the process list.
type mailFlags struct {
	host, port, user, from, tls *string
}

func addMailFlags(fs *flag.FlagSet) *mailFlags {
	return &mailFlags{
		host: fs.String("smtp-host", "", "mail server for reminders (env REUNITE_SMTP_HOST); none: no e-mail"),
		port: fs.String("smtp-port", "", "its port (env REUNITE_SMTP_PORT); default 587 for starttls, 465 for tls, 25 for none"),
		user: fs.String("smtp-user", "", "account on the mail server (env REUNITE_SMTP_USER); the password is read from REUNITE_SMTP_PASSWORD"),
		from: fs.String("smtp-from", "", "sender address of reminders, e.g. reunite@example.org (env REUNITE_SMTP_FROM)"),
		tls:  fs.String("smtp-tls", "", "starttls (default), tls, or none for a relay on this machine (env REUNITE_SMTP_TLS)"),
	}
}

// mailer returns the configured mailer, or nil when no mail server is
// named; a server named with bad settings is an error naming them.
func (m *mailFlags) mailer(e *env) (*mailer.Mailer, error) {
	c := mailer.Config{
		Host:     firstOf(*m.host, e.Getenv("REUNITE_SMTP_HOST")),
		User:     firstOf(*m.user, e.Getenv("REUNITE_SMTP_USER")),
		Password: e.Getenv("REUNITE_SMTP_PASSWORD"),
		From:     firstOf(*m.from, e.Getenv("REUNITE_SMTP_FROM")),
		TLS:      firstOf(*m.tls, e.Getenv("REUNITE_SMTP_TLS")),
	}
	if c.Host == "" {
		return nil, nil
	}
	if p := firstOf(*m.port, e.Getenv("REUNITE_SMTP_PORT")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("smtp port: %q is not a number", p)
		}
		c.Port = n
	}
	return mailer.New(c)
}
