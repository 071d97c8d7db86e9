package web

import (
	"crypto/subtle"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/boombuler/barcode/qr"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// The optional second factor is TOTP (RFC 6238: 6 digits, 30 seconds,
// SHA-1, what every authenticator app speaks). A code is accepted for its
// time step and the steps either side (clocks drift), and only once.

const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// newTOTPKey makes a secret for a user to add to their authenticator.
func newTOTPKey(issuer, account string) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Period: totpPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

// checkTOTP returns the time step a code belongs to, if it is the code of
// the current step or a neighbour and that step is after lastStep.
func checkTOTP(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	code = strings.TrimSpace(latinDigits(strings.ReplaceAll(code, " ", "")))
	if len(code) != 6 {
		return 0, false
	}
	step := now.Unix() / totpPeriod
	for _, s := range []int64{step - 1, step, step + 1} {
		if s <= lastStep {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*totpPeriod, 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

// qrPath draws the otpauth URL as a QR code: one SVG path of unit squares,
// drawn inline in the page (the CSP allows no data: images and no scripts).
func qrPath(content string) (d string, size int, err error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return "", 0, err
	}
	b := code.Bounds()
	var sb strings.Builder
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := code.At(x, y).RGBA(); r == 0 {
				fmt.Fprintf(&sb, "M%d %dh1v1h-1z", x+4, y+4) // a 4-module quiet zone
			}
		}
	}
	return sb.String(), b.Dx() + 8, nil
}

// pendingLogins are sign-ins whose password was right and whose code is
// awaited. They live in memory for five minutes: a restart only means
// typing the password again.
type pendingLogins struct {
	mu sync.Mutex
	m  map[string]pendingLogin
}

type pendingLogin struct {
	userID  string
	login   string
	expires time.Time
}

const pendingTTL = 5 * time.Minute

func (p *pendingLogins) add(userID, login string, now time.Time) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]pendingLogin{}
	}
	for k, v := range p.m {
		if now.After(v.expires) {
			delete(p.m, k)
		}
	}
	tok := newToken()
	p.m[tok] = pendingLogin{userID: userID, login: login, expires: now.Add(pendingTTL)}
	return tok
}

func (p *pendingLogins) get(tok string, now time.Time) (pendingLogin, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.m[tok]
	if !ok || now.After(v.expires) {
		delete(p.m, tok)
		return pendingLogin{}, false
	}
	return v, true
}

func (p *pendingLogins) drop(tok string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.m, tok)
}

// newTOTPKeyFromSecret rebuilds the otpauth URL of a secret being set up,
// to show its QR code again after a wrong code.
func newTOTPKeyFromSecret(secret, account string) (string, error) {
	if secret == "" || len(secret) > 64 {
		return "", fmt.Errorf("web: no secret")
	}
	k, err := otp.NewKeyFromURL("otpauth://totp/Reunite:" + account + "?secret=" + secret + "&issuer=Reunite&period=30&digits=6&algorithm=SHA1")
	if err != nil {
		return "", err
	}
	return k.URL(), nil
}
