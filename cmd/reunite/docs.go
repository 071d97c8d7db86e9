package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/packet"
	"github.com/reunite/reunite/store"
)

func init() {
	register(command{Name: "docs", Summary: "add and list a family's documents (evidence for each relative)", Run: runDocs})
}

const docsUsage = "Usage: reunite docs add FAMILY-ID MEMBER-ID FILE... --kind KIND [--language L] [--title T]\n       reunite docs list FAMILY-ID [--json]"

func runDocs(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runDocsAdd(ctx, e, args[1:])
		case "list":
			return runDocsList(ctx, e, args[1:])
		}
	}
	fmt.Fprintln(e.Stderr, docsUsage+"\n\nKinds: "+strings.Join(reunite.EvidenceKind("").Allowed(), ", "))
	return exitUsage
}

// runDocsAdd stores one document of one or more pages (photos or PDFs, in
// order) for a relative ("principal" for the petitioner). Each file is
// checked by its content before anything is stored.
func runDocsAdd(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("docs add", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	kind := fs.String("kind", "", "what the document proves: "+strings.Join(reunite.EvidenceKind("").Allowed(), ", ")+" (required)")
	lang := fs.String("language", "", "the document's language (ar, ti, fa...); empty for English")
	title := fs.String("title", "", "what the document is, for the exhibit index")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), docsUsage+"\n\nAdds a document for a relative (MEMBER-ID, or principal). Several FILEs are the pages of one\ndocument. JPEG, PNG and PDF files are accepted, found by content; photos are turned upright and\nstored without their EXIF data (GPS included).")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) < 3 {
		fs.Usage()
		return exitUsage
	}
	k := reunite.EvidenceKind(*kind)
	if !slices.Contains(k.Allowed(), *kind) {
		fmt.Fprintf(e.Stderr, "reunite docs add: --kind %q is not one of: %s\n", *kind, strings.Join(k.Allowed(), ", "))
		return exitUsage
	}
	var pages []*docfile.File
	for _, path := range pos[2:] {
		f, err := readDocFile(ctx, path)
		if err != nil {
			return fail(e, "docs add", exitUsage, err)
		}
		pages = append(pages, f)
	}
	doc, err := docfile.Join(pages)
	if err != nil {
		return fail(e, "docs add", exitFailure, err)
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "docs add", exitFailure, err)
	}
	defer s.Close()
	rec, err := s.Family(ctx, a, pos[0])
	if err != nil {
		return fail(e, "docs add", exitFailure, err)
	}
	member := pos[1]
	if member != "principal" && rec.Family.Member(member) == nil {
		fmt.Fprintf(e.Stderr, "reunite docs add: family %s has no relative %q\n", rec.ID, member)
		return exitUsage
	}
	d, err := s.AddEvidence(ctx, a, store.NewDocument{FamilyID: rec.ID, Name: doc.Name, ContentType: string(doc.Type),
		Content: doc.Content, Thumb: doc.Thumb, Pages: doc.Pages, Kind: k, Members: packet.Serves(rec.Family, k, member),
		Language: *lang, Title: *title})
	if err != nil {
		if errors.Is(err, store.ErrTooLarge) {
			err = fmt.Errorf("%s: %w", doc.Name, err)
		}
		return fail(e, "docs add", exitCodeOf(err), err)
	}
	fmt.Fprintf(e.Stdout, "%s\t%s\t%s\t%d page(s)\t%s\n", d.ID, strings.Join(d.Members, ","), d.Kind, d.Pages, d.Name)
	return exitOK
}

// readDocFile reads and checks one file, never more than the limit of
// one upload.
func readDocFile(ctx context.Context, path string) (*docfile.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return docfile.Read(ctx, path, f, docfile.DefaultLimits)
}

func runDocsList(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("docs list", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite docs list FAMILY-ID [--json]\n\nPrints the family's documents: id, relatives, kind, status, pages, language, translations, name.")
		fs.PrintDefaults()
	}
	id, code, ok := oneArgument(fs, e, args)
	if !ok {
		return code
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "docs list", exitFailure, err)
	}
	defer s.Close()
	docs, err := s.Documents(ctx, a, id)
	if err != nil {
		return fail(e, "docs list", exitFailure, err)
	}
	if *asJSON {
		type row struct {
			ID           string   `json:"id"`
			Name         string   `json:"name"`
			Kind         string   `json:"kind"`
			Members      []string `json:"members"`
			Status       string   `json:"status"`
			Pages        int      `json:"pages"`
			Language     string   `json:"language"`
			Translations int      `json:"translations"`
		}
		rows := []row{}
		for _, d := range docs {
			rows = append(rows, row{d.ID, d.Name, string(d.Kind), d.Members, string(d.Status), d.Pages, d.Language, len(d.Translations)})
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rows)
		return exitOK
	}
	for _, d := range docs {
		fmt.Fprintf(e.Stdout, "%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\n", d.ID, strings.Join(d.Members, ","), d.Kind, d.Status, d.Pages, d.Language, len(d.Translations), d.Name)
	}
	return exitOK
}
