package store

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/compassbot/compass/content"
)

// Changes lists the objects of one kind that an import added, changed and
// removed, by id.
type Changes struct {
	Added, Changed, Removed []string
}

// Empty reports whether nothing of the kind changed.
func (c Changes) Empty() bool { return len(c.Added)+len(c.Changed)+len(c.Removed) == 0 }

// ImportReport says what an import changed, per kind of object.
// Translations are named "intent (region) lang".
type ImportReport struct {
	Pack, Languages, Regions, Topics, Services, Intents, Translations Changes
	// Outdated lists the translations that are outdated after the import
	// because their source-language text changed and they did not.
	Outdated []string
}

// Empty reports whether the import changed nothing.
func (r ImportReport) Empty() bool {
	for _, k := range r.kinds() {
		if !k.changes.Empty() {
			return false
		}
	}
	return true
}

type kindChanges struct {
	name    string
	changes Changes
}

func (r ImportReport) kinds() []kindChanges {
	return []kindChanges{{"pack", r.Pack}, {"languages", r.Languages}, {"regions", r.Regions},
		{"topics", r.Topics}, {"services", r.Services}, {"intents", r.Intents}, {"translations", r.Translations}}
}

// maxListed is how many ids of one kind and change Print lists.
const maxListed = 30

// Print writes the report for people: one line per kind with counts, then
// the ids of what was added, changed and removed.
func (r ImportReport) Print(w io.Writer) {
	if r.Empty() {
		fmt.Fprintln(w, "nothing changed: the database already holds this pack")
		return
	}
	for _, k := range r.kinds() {
		c := k.changes
		if c.Empty() {
			continue
		}
		fmt.Fprintf(w, "%-13s %d added, %d changed, %d removed\n", k.name+":", len(c.Added), len(c.Changed), len(c.Removed))
		for _, l := range []struct {
			sign string
			ids  []string
		}{{"+", c.Added}, {"~", c.Changed}, {"-", c.Removed}} {
			for i, id := range l.ids {
				if i == maxListed && len(l.ids) > maxListed+1 {
					fmt.Fprintf(w, "  %s … and %d more\n", l.sign, len(l.ids)-maxListed)
					break
				}
				fmt.Fprintf(w, "  %s %s\n", l.sign, id)
			}
		}
	}
	if len(r.Outdated) > 0 {
		fmt.Fprintf(w, "outdated:     %d translations, because their source-language text changed: %s\n",
			len(r.Outdated), strings.Join(r.Outdated, ", "))
	}
}

// importLock is the pg_advisory_xact_lock key that serialises imports.
const importLock = 0x636f6d70617374

const (
	importLockSQL  = `SELECT pg_advisory_xact_lock($1)`
	deferChecksSQL = `SET CONSTRAINTS ALL DEFERRED`
	applicationSQL = `SET LOCAL application_name = 'compass import'`
)

// Import makes the database's content equal to the pack, in one
// transaction, after checking the pack with content.ValidatePack. Importing
// the same pack again changes nothing (and sends no reload). Concurrent
// imports wait for each other. Rows the pack does not have are removed;
// the audit log keeps them.
func (s *DB) Import(ctx context.Context, p *content.Pack) (ImportReport, error) {
	return s.importPack(ctx, p, true)
}

// PlanImport reports what Import would change, without changing anything:
// it runs the import and rolls it back.
func (s *DB) PlanImport(ctx context.Context, p *content.Pack) (ImportReport, error) {
	return s.importPack(ctx, p, false)
}

func (s *DB) importPack(ctx context.Context, p *content.Pack, commit bool) (ImportReport, error) {
	if err := content.ValidatePack(p); err != nil {
		return ImportReport{}, fmt.Errorf("store: import: the pack is not valid:\n%w", err)
	}
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return ImportReport{}, fmt.Errorf("store: import: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, importLockSQL, importLock); err != nil {
		return ImportReport{}, fmt.Errorf("store: import: wait for other imports: %w", err)
	}
	for _, q := range []string{deferChecksSQL, applicationSQL} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return ImportReport{}, fmt.Errorf("store: import: %w", err)
		}
	}
	old, err := readPack(ctx, tx)
	if err != nil {
		return ImportReport{}, fmt.Errorf("store: import: read current content: %w", err)
	}
	report := diff(old, p)
	if err := apply(ctx, tx, old, p, &report); err != nil {
		return ImportReport{}, fmt.Errorf("store: import: %w", err)
	}
	if !commit {
		return report, nil // rolled back by the deferred Rollback
	}
	if err := tx.Commit(); err != nil {
		return ImportReport{}, fmt.Errorf("store: import: commit: %w", err)
	}
	return report, nil
}
