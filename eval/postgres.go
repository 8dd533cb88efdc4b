package eval

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// snowballConfigs maps languages to the PostgreSQL text search
// configuration of the same language. Languages without one use "simple"
// (lower-casing only); configurations missing on the server do too.
var snowballConfigs = map[string]string{
	"en": "english", "de": "german", "ru": "russian", "tr": "turkish", "ar": "arabic",
	"fr": "french", "es": "spanish", "it": "italian", "hu": "hungarian", "ro": "romanian",
	"sr": "serbian", "sr-Latn": "serbian", "hi": "hindi", "pt": "portuguese", "nl": "dutch",
	"el": "greek", "fi": "finnish", "sv": "swedish", "da": "danish", "no": "norwegian",
	"id": "indonesian", "ga": "irish", "hy": "armenian", "ne": "nepali", "ta": "tamil",
	"lt": "lithuanian", "ca": "catalan", "eu": "basque", "yi": "yiddish",
}

// PostgresFTS is the full-text-search baseline: one row per Doc with a
// tsvector made with its language's configuration, queried with every
// configuration in use (the query's language is not known), ranked by
// ts_rank. Query words are OR-ed: an AND of every word of a question
// almost never matches.
type PostgresFTS struct {
	db      *sql.DB
	configs []string // configurations in use, sorted
}

const (
	createDocsSQL = `
CREATE TABLE eval_docs (
	id     serial PRIMARY KEY,
	intent text NOT NULL,
	lang   text NOT NULL,
	config regconfig NOT NULL,
	doc    tsvector NOT NULL
);
CREATE TABLE eval_docs_raw (intent text, lang text, config text, body text);`

	listConfigsSQL = `SELECT cfgname FROM pg_ts_config`

	copyDocsSQL = `COPY eval_docs_raw (intent, lang, config, body) FROM STDIN`

	fillDocsSQL = `
INSERT INTO eval_docs (intent, lang, config, doc)
SELECT intent, lang, config::regconfig, to_tsvector(config::regconfig, body) FROM eval_docs_raw;
DROP TABLE eval_docs_raw;
CREATE INDEX eval_docs_doc ON eval_docs USING gin (doc);
ANALYZE eval_docs;`

	// rankSQL: $1 the query words joined by " or ", $2 the configurations,
	// $3 how many intents to return. MATERIALIZED makes PostgreSQL parse
	// the query once per configuration, not once per matching row.
	rankSQL = `
WITH q AS MATERIALIZED (
	SELECT c AS config, websearch_to_tsquery(c, $1) AS query
	FROM unnest($2::text[]::regconfig[]) AS c
)
SELECT d.intent, max(ts_rank(d.doc, q.query)) AS score
FROM q JOIN eval_docs d ON d.config = q.config AND d.doc @@ q.query
GROUP BY d.intent
ORDER BY score DESC, d.intent
LIMIT $3`
)

// NewPostgresFTS creates the baseline's tables in db (an empty database of
// its own) and loads the documents.
func NewPostgresFTS(ctx context.Context, db *sql.DB, docs []Doc) (*PostgresFTS, error) {
	available, err := serverConfigs(ctx, db)
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, createDocsSQL); err != nil {
		return nil, fmt.Errorf("postgres baseline: create tables: %w", err)
	}
	used := map[string]bool{}
	if err := copyDocs(ctx, db, docs, func(lang string) string {
		cfg := snowballConfigs[lang]
		if !available[cfg] {
			cfg = "simple"
		}
		used[cfg] = true
		return cfg
	}); err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, fillDocsSQL); err != nil {
		return nil, fmt.Errorf("postgres baseline: build tsvectors: %w", err)
	}
	f := &PostgresFTS{db: db}
	for c := range used {
		f.configs = append(f.configs, c)
	}
	sort.Strings(f.configs)
	return f, nil
}

func serverConfigs(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, listConfigsSQL)
	if err != nil {
		return nil, fmt.Errorf("postgres baseline: list text search configurations: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("postgres baseline: list text search configurations: %w", err)
		}
		out[name] = true
	}
	return out, rows.Err()
}

// copyDocs loads the raw documents with COPY, in one transaction.
func copyDocs(ctx context.Context, db *sql.DB, docs []Doc, config func(lang string) string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres baseline: begin: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, copyDocsSQL)
	if err != nil {
		return fmt.Errorf("postgres baseline: copy: %w", err)
	}
	for _, d := range docs {
		if _, err := stmt.ExecContext(ctx, d.Intent, d.Lang, config(d.Lang), d.Text); err != nil {
			return fmt.Errorf("postgres baseline: copy %s/%s: %w", d.Intent, d.Lang, err)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return fmt.Errorf("postgres baseline: copy: %w", err)
	}
	if err := stmt.Close(); err != nil {
		return fmt.Errorf("postgres baseline: copy: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres baseline: commit: %w", err)
	}
	return nil
}

// Configs returns the text search configurations the documents use.
func (f *PostgresFTS) Configs() []string { return f.configs }

// Rank implements Ranker.
func (f *PostgresFTS) Rank(q content.Query, n int) ([]content.Candidate, error) {
	words := plainWords(q.Text)
	if len(words) == 0 {
		return nil, nil
	}
	rows, err := f.db.Query(rankSQL, strings.Join(words, " or "), pq.Array(f.configs), n)
	if err != nil {
		return nil, fmt.Errorf("postgres baseline: rank: %w", err)
	}
	defer rows.Close()
	var out []content.Candidate
	for rows.Next() {
		var c content.Candidate
		if err := rows.Scan(&c.Intent, &c.Score); err != nil {
			return nil, fmt.Errorf("postgres baseline: rank: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres baseline: rank: %w", err)
	}
	return out, nil
}
