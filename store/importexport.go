package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// ImportCaseFile reads a case file (the contract's JSON) and stores it as a
// new family, in one transaction: a file that does not decode, or does not
// store, leaves nothing behind. The error names the file; for a bad case
// file it is a *reunite.ValidationError listing every bad field.
//
// A case file exported from this office names its family and version
// (origin): it then updates that family with a new version instead of
// creating a second one, and is refused with ErrConflict when the family
// changed since the export. See ImportCaseFileInto.
func (s *Store) ImportCaseFile(ctx context.Context, a Actor, name string, data []byte) (*FamilyRecord, error) {
	return s.ImportCaseFileInto(ctx, a, name, data, "")
}

// ImportCaseFileInto is ImportCaseFile with the family to update named
// (update; "" to decide by the file's origin). A named family takes the
// file as its new version whatever it holds now (a person chose to
// replace it; the web application checks the version it showed first).
func (s *Store) ImportCaseFileInto(ctx context.Context, a Actor, name string, data []byte, update string) (*FamilyRecord, error) {
	r := s.ImportCaseFiles(ctx, a, []ImportFile{{Name: name, Data: data}}, update)[0]
	return r.Record, r.Err
}

// ImportFile is a case file to import and the name that reports speak of.
type ImportFile struct {
	Name string
	Data []byte
}

// ImportResult is what became of one file: its family, or why it was not
// imported (an error that names the file).
type ImportResult struct {
	Record *FamilyRecord
	Err    error
}

// ImportCaseFiles imports many case files as ImportCaseFileInto does each,
// in one transaction, and a bad file is still rejected by itself while the
// good ones share one commit (one sync to disk instead of one per file).
// Decoding, assessing and encoding are done before the transaction, on
// every core. In the transaction the new families are written together,
// a few statements for all of them (createFamilies), and each update in a
// savepoint of its own, rolled back alone when it fails (a stale export).
// Should writing the new families together fail, which a file that passed
// the strict reader does not make happen, the transaction is rolled back
// and done again with every file in its own savepoint, so that the one at
// fault is found and rejected alone. If the commit itself fails, every
// file that was written reports that failure: none of them was stored.
func (s *Store) ImportCaseFiles(ctx context.Context, a Actor, files []ImportFile, update string) []ImportResult {
	return s.writeImport(ctx, a, s.prepareImport(ctx, a, files, update))
}

// ImportBatch is how many files reunite import stores in one transaction.
// A batch's commit writes every page its rows touched, and the rows of the
// search indexes (family_index, office_words) land on pages spread over
// the whole of those indexes: 200 files dirtied a page for almost every
// word, 1,000 share many (10,000 families, batches alone, same hour:
// 1,259-1,266 families a second in batches of 200, 1,800-1,827 in
// batches of 1,000). The write lock is held for a batch, under half a
// second, while other writes wait.
const ImportBatch = 1000

// ImportBatches imports the batches of files next returns, in order, until
// it returns false, each as ImportCaseFiles does, and gives each batch's
// results to done, in order. The next batch is read and prepared (decoded,
// assessed, encoded) while one is written, so that the transaction, which
// has one core, does not wait for the others. next runs on another
// goroutine than done. Once ctx is done, next is not called again, the
// batch being written is still committed and reported (a stop is not a
// failure of its files), and the batches not yet written are dropped
// without a call to done. Each statement watches a context that can end
// with a goroutine of the driver's, which the batch's writes are spared.
func (s *Store) ImportBatches(ctx context.Context, a Actor, update string, next func() ([]ImportFile, bool), done func([]ImportResult)) {
	ready := make(chan *preparedImport, 1)
	go func() {
		defer close(ready)
		for ctx.Err() == nil {
			files, ok := next()
			if !ok {
				return
			}
			ready <- s.prepareImport(ctx, a, files, update)
		}
	}()
	for p := range ready {
		if ctx.Err() != nil {
			continue // not written, nor reported: the import was stopped
		}
		done(s.writeImport(context.WithoutCancel(ctx), a, p))
	}
}

// preparedImport is a batch of files decoded, assessed and encoded, ready
// to be written: a job for each good file, and the others' errors in out.
type preparedImport struct {
	files []ImportFile
	jobs  []*importJob
	out   []ImportResult
	now   time.Time
}

// prepareImport prepares the files of a batch on every core: decoding,
// assessing and encoding are most of an import's work and need no lock.
func (s *Store) prepareImport(ctx context.Context, a Actor, files []ImportFile, update string) *preparedImport {
	p := &preparedImport{files: files, out: make([]ImportResult, len(files)), now: s.now().UTC()}
	ready := make([]*importJob, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				ready[i], p.out[i].Err = s.importJob(ctx, a, files[i], update, p.now)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range ready {
		if j != nil {
			j.i = i
			p.jobs = append(p.jobs, j)
		}
	}
	return p
}

// writeImport writes a prepared batch in one transaction.
func (s *Store) writeImport(ctx context.Context, a Actor, p *preparedImport) []ImportResult {
	files, jobs, out, now := p.files, p.jobs, p.out, p.now
	if len(jobs) == 0 {
		return out
	}
	if err := a.check(a.staff()); err != nil {
		for _, j := range jobs {
			out[j.i].Err = fmt.Errorf("%s: store.CreateFamily: %w", files[j.i].Name, err)
		}
		return out
	}
	var news, updates []*importJob
	for _, j := range jobs {
		if j.target == "" {
			news = append(news, j)
		} else {
			updates = append(updates, j)
		}
	}
	errEach := errors.New("writing the new families together failed")
	err := s.txAt(ctx, now, func(t *txn) error {
		if len(news) > 0 {
			ps := make([]*prepared, len(news))
			for n, j := range news {
				ps[n] = j.p
			}
			recs, err := t.createFamilies(ctx, a, ps)
			if err != nil {
				return fmt.Errorf("%w: %w", errEach, err)
			}
			for n, j := range news {
				out[j.i].Record = recs[n]
			}
		}
		return t.importEach(ctx, a, files, updates, out)
	})
	if errors.Is(err, errEach) {
		for _, j := range jobs {
			out[j.i] = ImportResult{}
		}
		err = s.txAt(ctx, now, func(t *txn) error { return t.importEach(ctx, a, files, jobs, out) })
	}
	if err != nil {
		for _, j := range jobs {
			if out[j.i].Err == nil {
				out[j.i] = ImportResult{Err: fmt.Errorf("%s: %w", files[j.i].Name, err)}
			}
		}
	}
	return out
}

// importEach writes each job in a savepoint of its own and rolls a job that
// fails back to it, with its error in out; the error it returns is one that
// leaves the transaction unusable.
func (t *txn) importEach(ctx context.Context, a Actor, files []ImportFile, jobs []*importJob, out []ImportResult) error {
	for n, j := range jobs {
		sp := "import_" + strconv.Itoa(n)
		if _, err := t.exec(ctx, `/* store.ImportCaseFiles */ SAVEPOINT `+sp); err != nil {
			return err
		}
		var rec *FamilyRecord
		var err error
		if j.target == "" {
			rec, err = t.createFamily(ctx, a, j.p)
			wrap(&err, "store.CreateFamily")
		} else {
			rec, err = t.updateFamily(ctx, a, j.target, j.base, j.p)
			wrap(&err, "store.UpdateFamily(%s)", j.target)
			if errors.Is(err, ErrConflict) {
				err = fmt.Errorf("family %s was changed after this file was exported from version %d: export it again, or import with --update %s to replace it (%w)", j.target, j.base, j.target, err)
			}
		}
		if err != nil {
			out[j.i].Err = fmt.Errorf("%s: %w", files[j.i].Name, err)
			if _, rerr := t.exec(ctx, `/* store.ImportCaseFiles */ ROLLBACK TO SAVEPOINT `+sp); rerr != nil {
				return rerr
			}
		} else {
			out[j.i].Record = rec
		}
		if _, err := t.exec(ctx, `/* store.ImportCaseFiles */ RELEASE SAVEPOINT `+sp); err != nil {
			return err
		}
	}
	return nil
}

// importJob is a file ready to be written: which family it updates
// (target, from version base) or "" for a new one, and the prepared
// version.
type importJob struct {
	i      int // in the files
	target string
	base   int
	p      *prepared
}

// importJob decodes and prepares one file, and decides which family it
// updates, if any: the one named by update, else the one its origin names
// when the actor may see it.
func (s *Store) importJob(ctx context.Context, a Actor, file ImportFile, update string, now time.Time) (*importJob, error) {
	f, err := casefile.Decode(file.Data)
	if err != nil {
		var ve *reunite.ValidationError
		if errors.As(err, &ve) {
			named := *ve
			named.File = file.Name
			return nil, &named
		}
		return nil, fmt.Errorf("%s: %w", file.Name, err)
	}
	origin := f.Origin
	f.Origin = nil
	j := &importJob{target: update}
	if origin != nil && update == "" {
		// Only a family this actor may see is updated; another office's
		// id (a file sent across offices) makes a new family here.
		if _, err := s.familyHead(ctx, a, origin.FamilyID); err == nil {
			j.target, j.base = origin.FamilyID, origin.Version
		}
	}
	if j.target != "" && j.base == 0 {
		head, err := s.familyHead(ctx, a, j.target)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file.Name, err)
		}
		j.base = head
	}
	if j.p, err = prepareDecoded(f, file.Data, now); err != nil {
		return nil, fmt.Errorf("%s: %w", file.Name, err)
	}
	return j, nil
}

// familyHead returns the current version of a family the actor may see,
// without opening the case file.
func (s *Store) familyHead(ctx context.Context, a Actor, id string) (version int, err error) {
	if err := a.check(true); err != nil {
		return 0, err
	}
	scope, args := a.familyScope()
	err = s.db.QueryRowContext(ctx, s.q(`/* store.familyHead */ SELECT f.version FROM families f WHERE f.id = ? AND `+scope),
		append([]any{id}, args...)...).Scan(&version)
	return version, notFound(err)
}

// ExportFamilies calls fn with the canonical case file of the latest
// version of every family the actor may see, one at a time. Each family
// read is audited as an export.
func (s *Store) ExportFamilies(ctx context.Context, a Actor, fn func(id string, caseFile []byte) error) (err error) {
	defer wrap(&err, "store.ExportFamilies")
	if err := a.check(true); err != nil {
		return err
	}
	scope, args := a.familyScope()
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.ExportFamilies */ SELECT f.id FROM families f WHERE `+scope+` ORDER BY f.created_at, f.id`), args...)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		rec, err := s.familyVersion(ctx, a, id, 0, ActionFamilyExport, "family %s")
		if err != nil {
			return err
		}
		data, err := ExportCaseFile(rec)
		if err != nil {
			return fmt.Errorf("family %s: %w", id, err)
		}
		if err := fn(id, data); err != nil {
			return err
		}
	}
	return nil
}

// ExportCaseFile writes a stored version as a case file that names its
// origin (this family and version), so that importing it again, edited or
// not, updates the family instead of creating a second one.
func ExportCaseFile(rec *FamilyRecord) ([]byte, error) {
	f := *rec.Family
	f.Origin = &reunite.Origin{FamilyID: rec.ID, Version: rec.Version}
	return casefile.Encode(&f)
}

// OfficeName returns the name of the actor's office, so that a command
// can say where it wrote.
func (s *Store) OfficeName(ctx context.Context, a Actor) (name string, err error) {
	defer wrap(&err, "store.OfficeName")
	if err := a.check(true); err != nil {
		return "", err
	}
	err = s.db.QueryRowContext(ctx, s.q(`/* store.OfficeName */ SELECT name FROM orgs WHERE id = ?`), a.org).Scan(&name)
	return name, notFound(err)
}
