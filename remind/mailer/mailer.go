// Package mailer sends reminders over SMTP with github.com/wneessen/go-mail:
// the edge of package remind. The server, its TLS mode and the account come
// from flags and the environment (cmd/reunite); the password only from the
// environment, so that it does not show in the process list.
package mailer

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/reunite/reunite/remind"
)

// TLS modes.
const (
	StartTLS = "starttls" // plain connection upgraded with STARTTLS, required (port 587)
	TLS      = "tls"      // TLS from the first byte (port 465)
	NoTLS    = "none"     // no encryption: only for a relay on the same machine
)

// Config is where and how to send.
type Config struct {
	Host     string
	Port     int    // 0: 587 for starttls, 465 for tls, 25 for none
	User     string // "" sends without authentication
	Password string
	From     string // the sender address
	TLS      string // StartTLS (default), TLS or NoTLS
	// RootCAs, when set, are the only authorities trusted for the
	// server's certificate (tests, an office's own authority).
	RootCAs *x509.CertPool
	Timeout time.Duration // 0: 30 s
}

// Check says what is wrong with c, naming the setting.
func (c *Config) Check() error {
	var errs []error
	if c.Host == "" {
		errs = append(errs, errors.New("smtp host: missing (--smtp-host or REUNITE_SMTP_HOST)"))
	}
	if c.Port < 0 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("smtp port: %d is not a port (1-65535)", c.Port))
	}
	switch c.TLS {
	case "":
		c.TLS = StartTLS
	case StartTLS, TLS, NoTLS:
	default:
		errs = append(errs, fmt.Errorf("smtp tls: %q: expected starttls, tls or none", c.TLS))
	}
	if a, err := mail.ParseAddress(c.From); err != nil || a.Name != "" {
		errs = append(errs, fmt.Errorf("smtp from: %q: expected one address such as reunite@example.org (--smtp-from or REUNITE_SMTP_FROM)", c.From))
	}
	if c.User != "" && c.Password == "" {
		errs = append(errs, errors.New("smtp password: missing for the user (REUNITE_SMTP_PASSWORD)"))
	}
	if c.User != "" && c.TLS == NoTLS {
		errs = append(errs, errors.New("smtp tls: a password is never sent without TLS"))
	}
	return errors.Join(errs...)
}

// Mailer sends messages; one connection per message.
type Mailer struct {
	cfg Config
}

// New checks c and returns a Mailer.
func New(c Config) (*Mailer, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if c.Port == 0 {
		c.Port = map[string]int{StartTLS: 587, TLS: 465, NoTLS: 25}[c.TLS]
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	return &Mailer{cfg: c}, nil
}

func (m *Mailer) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(m.cfg.Port), gomail.WithTimeout(m.cfg.Timeout),
		gomail.WithTLSConfig(&tls.Config{ServerName: m.cfg.Host, RootCAs: m.cfg.RootCAs, MinVersion: tls.VersionTLS12})}
	switch m.cfg.TLS {
	case TLS:
		opts = append(opts, gomail.WithSSL())
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if m.cfg.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(m.cfg.User), gomail.WithPassword(m.cfg.Password))
	}
	return gomail.NewClient(m.cfg.Host, opts...)
}

// Send sends one message as plain text, UTF-8 (the subject encoded for
// mail headers when it is not ASCII).
func (m *Mailer) Send(ctx context.Context, msg remind.Mail) error {
	c, err := m.client()
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	g := gomail.NewMsg()
	if err := g.From(m.cfg.From); err != nil {
		return fmt.Errorf("smtp from: %w", err)
	}
	if err := g.To(msg.To); err != nil {
		return fmt.Errorf("smtp to: %w", err)
	}
	g.Subject(msg.Subject)
	g.SetDate()
	g.SetMessageID()
	g.SetBodyString(gomail.TypeTextPlain, msg.Body)
	if err := c.DialAndSendWithContext(ctx, g); err != nil {
		return fmt.Errorf("smtp %s:%d: %w", m.cfg.Host, m.cfg.Port, err)
	}
	return nil
}

// Describe says where mail goes, without the password, for the start-up
// line of `reunite serve`.
func (m *Mailer) Describe() string {
	who := ""
	if m.cfg.User != "" {
		who = " as " + m.cfg.User
	}
	return fmt.Sprintf("%s:%d (%s)%s from %s", m.cfg.Host, m.cfg.Port, strings.ToUpper(m.cfg.TLS), who, m.cfg.From)
}
