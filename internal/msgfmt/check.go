package msgfmt

import (
	"fmt"
	"slices"
	"strings"
)

// Args returns the names of the values a template uses, each once, in the
// order they first appear: plain values, and the names that choices are
// made on. The {k} and {n} inside an of-argument are its own parts, not
// values of the message.
func Args(tmpl string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	var walk func(s string, local bool)
	walk = func(s string, local bool) {
		for {
			i := strings.IndexByte(s, '{')
			if i < 0 {
				return
			}
			j := closing(s, i)
			if j < 0 {
				return
			}
			inner := s[i+1 : j]
			s = s[j+1:]
			name, rest, complex := strings.Cut(inner, ",")
			name = strings.TrimSpace(name)
			if !complex {
				if !(local && (name == "k" || name == "n")) {
					add(name)
				}
				continue
			}
			add(name)
			kind, body, _ := strings.Cut(rest, ",")
			switch strings.TrimSpace(kind) {
			case "of":
				walk(body, true)
			default:
				for c := range cases(body) {
					walk(c.text, local)
				}
			}
		}
	}
	walk(tmpl, false)
	return out
}

// Check returns what is wrong with a template's syntax: braces that do not
// pair, an unknown kind of argument, a select or plural without its other
// case or with a case that is not "key {text}", an of-argument without
// both {k} and {n}.
func Check(tmpl string) error {
	if strings.Count(tmpl, "{") != strings.Count(tmpl, "}") {
		return fmt.Errorf("braces do not pair")
	}
	return check(tmpl)
}

func check(s string) error {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			if strings.IndexByte(s, '}') >= 0 {
				return fmt.Errorf("a } closes nothing")
			}
			return nil
		}
		if strings.IndexByte(s[:i], '}') >= 0 {
			return fmt.Errorf("a } closes nothing")
		}
		j := closing(s, i)
		if j < 0 {
			return fmt.Errorf("a { is not closed")
		}
		inner := s[i+1 : j]
		s = s[j+1:]
		name, rest, complex := strings.Cut(inner, ",")
		if strings.TrimSpace(name) == "" || strings.ContainsAny(name, "{}") {
			return fmt.Errorf("{%s}: no value name", inner)
		}
		if !complex {
			continue
		}
		kind, body, ok := strings.Cut(rest, ",")
		if !ok {
			return fmt.Errorf("{%s}: expected {name, select|plural|of, …}", strings.TrimSpace(name))
		}
		switch k := strings.TrimSpace(kind); k {
		case "of":
			args := Args(body)
			args = slices.DeleteFunc(args, func(a string) bool { return a == "k" || a == "n" })
			if len(args) > 0 || !strings.Contains(body, "{k}") || !strings.Contains(body, "{n}") {
				return fmt.Errorf("{%s, of, …} must use {k} and {n} and nothing else", name)
			}
		case "select", "plural":
			if err := checkCases(name, body); err != nil {
				return err
			}
		default:
			return fmt.Errorf("{%s, %s, …}: unknown kind %q (select, plural or of)", name, k, k)
		}
	}
}

func checkCases(name, body string) error {
	rest, other := body, false
	for c := range cases(body) {
		if c.key == "other" {
			other = true
		}
		if err := check(c.text); err != nil {
			return err
		}
		// Move past this case to see whether anything is left unparsed.
		open := strings.IndexByte(rest, '{')
		rest = rest[closing(rest, open)+1:]
	}
	if strings.TrimSpace(rest) != "" {
		return fmt.Errorf("{%s, …}: %q is not a case (key {text})", name, strings.TrimSpace(rest))
	}
	if !other {
		return fmt.Errorf("{%s, …}: no other case", name)
	}
	return nil
}
