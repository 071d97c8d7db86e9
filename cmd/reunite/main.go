// Command reunite is Reunite's command line: it parses flags and calls the
// packages that do the work. Each subcommand lives in a file of its own and
// registers itself here.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/reunite/reunite"
)

// env is what a subcommand may touch of the outside world, so that tests can
// run commands in-process with their own streams and environment.
type env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// command is one subcommand. run returns the process exit status.
type command struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, e *env, args []string) int
}

var commands = map[string]command{}

func register(c command) { commands[c.Name] = c }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{os.Stdin, os.Stdout, os.Stderr, os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// Exit statuses shared by the subcommands.
const (
	exitOK      = 0
	exitFailure = 1 // the work could not be done
	exitUsage   = 2 // bad arguments or a bad input file
)

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.Stdout)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.Stderr, "reunite: unknown command %q\n\n", args[0])
		usage(e.Stderr)
		return exitUsage
	}
	return c.Run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Reunite prepares and tracks Form I-730 refugee/asylee relative petitions.")
	fmt.Fprintln(w, "\nUsage: reunite COMMAND [arguments]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w, "\nRun 'reunite COMMAND --help' for a command's flags.")
}

// parseFlags parses flags that may stand before, between or after the
// positional arguments (reunite check FILE --as-of DATE), and returns the
// positional ones. On --help it prints the flags and returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, e *env, args []string) ([]string, error) {
	fs.SetOutput(e.Stderr)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// oneArgument parses the flags of a command that takes exactly one
// positional argument and returns it. When ok is false it has printed why
// (or the help) and code is the exit status.
func oneArgument(fs *flag.FlagSet, e *env, args []string) (arg string, code int, ok bool) {
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return "", flagExit(err), false
	}
	if len(pos) != 1 {
		fs.Usage()
		return "", exitUsage, false
	}
	return pos[0], exitOK, true
}

// flagExit maps a flag-parsing error to an exit status.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// readInput reads a case file named on the command line, or standard input
// for "-", refusing one larger than a case file can be before it is read
// whole: memory stays bounded whatever the file.
func readInput(e *env, name string) ([]byte, error) {
	var r io.Reader = e.Stdin
	label := "standard input"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, label = f, name
	}
	data, err := io.ReadAll(io.LimitReader(r, reunite.MaxCaseFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > reunite.MaxCaseFileSize {
		return nil, &reunite.ValidationError{File: label, Fields: []reunite.FieldError{
			{Problem: fmt.Sprintf("larger than %d bytes (1 MB), the most a case file can be", reunite.MaxCaseFileSize)}}}
	}
	return data, nil
}

// fail prints an error as "reunite CMD: message" and returns status.
func fail(e *env, cmd string, status int, err error) int {
	msg := strings.TrimSpace(err.Error())
	fmt.Fprintf(e.Stderr, "reunite %s: %s\n", cmd, msg)
	return status
}
