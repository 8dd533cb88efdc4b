package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strings"

	"github.com/compassbot/compass/bot"
)

func init() {
	register(command{
		name:    "ask",
		summary: "answer questions from stdin, one per line (--json: the JSON-lines contract)",
		run:     runAsk,
	})
}

// utf8BOM is the byte-order mark some editors put at the start of a file.
const utf8BOM = "\ufeff"

// maxAskLine is the longest input line ask reads: room for a question of
// bot.MaxTextBytes even when JSON escapes every character.
const maxAskLine = 6*bot.MaxTextBytes + 1024

// askInput is one JSON input line (see docs/specs/ask-json.md).
type askInput struct {
	Text   *string `json:"text"`
	Lang   string  `json:"lang"`
	Region string  `json:"region"`
}

type askCandidate struct {
	Intent string  `json:"intent"`
	Score  float64 `json:"score"`
}

// askOutput is one JSON output line.
type askOutput struct {
	Intent     *string        `json:"intent"`
	Lang       string         `json:"lang"`
	Score      float64        `json:"score"`
	Candidates []askCandidate `json:"candidates"`
	Emergency  bool           `json:"emergency"`
	Reply      string         `json:"reply"`
	Warning    string         `json:"warning,omitempty"` // extension: e.g. an unknown region was ignored
}

type askError struct {
	Error string `json:"error"`
	Line  int    `json:"line"`
}

func runAsk(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	src := addSourceFlags(fs, env)
	asJSON := fs.Bool("json", false, "read plain-text or JSON lines, write one JSON object per line")
	lang := fs.String("lang", "", "language hint for lines that give none (like a Telegram language_code)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: compass ask [--json] [--pack DIR | --database-url URL] [--lang TAG] [--region ID] < questions")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	cs, err := src.open(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass ask: %v\n", err)
		return exitStatus(err)
	}
	defer cs.Close()
	engine, err := cs.newEngine(nil, newLogger(env, env.Stderr, slog.LevelWarn))
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass ask: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	in := bufio.NewReaderSize(env.Stdin, 64*1024)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(in, maxAskLine)
		if err == io.EOF {
			return 0
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "compass ask: reading stdin (line %d): %v\n", n, err)
			return 1
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte(utf8BOM)) // files saved by Windows editors
		}
		q, qerr := parseQuestion(line, tooLong, *asJSON)
		if q.LangHint == "" {
			q.LangHint = *lang
		}
		var a bot.Answer
		var warning string
		if qerr == nil {
			a, qerr = engine.Ask(ctx, q)
		}
		if errors.Is(qerr, bot.ErrUnknownRegion) {
			// A person is better served by the general answer than by
			// none; the warning tells the caller what happened.
			warning = fmt.Sprintf("%v: answered for the default region", qerr)
			q.Region = ""
			a, qerr = engine.Ask(ctx, q)
		}
		if *asJSON {
			var v any = askError{Error: errText(qerr), Line: n}
			if qerr == nil {
				out := toAskOutput(a)
				out.Warning = warning
				v = out
			}
			if err := enc.Encode(v); err != nil {
				fmt.Fprintf(env.Stderr, "compass ask: writing stdout: %v\n", err)
				return 1
			}
			continue
		}
		if qerr != nil {
			fmt.Fprintf(env.Stdout, "line %d: %v\n\n", n, qerr)
			continue
		}
		if warning != "" {
			fmt.Fprintf(env.Stdout, "line %d: %s\n", n, warning)
		}
		fmt.Fprintf(env.Stdout, "%s\n\n", replyText(a.Replies))
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// readLine reads one line without its line ending. A line longer than
// limit is read to its end but only reported as too long.
func readLine(r *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := r.ReadLine()
		if err != nil {
			if err == io.EOF && (len(line) > 0 || tooLong) {
				return line, tooLong, nil
			}
			return nil, false, err
		}
		if !tooLong {
			if len(line)+len(chunk) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if !isPrefix {
			return line, tooLong, nil
		}
	}
}

// parseQuestion turns one input line into a question: a JSON object when
// it starts with "{", plain text otherwise (or always, without --json).
func parseQuestion(line []byte, tooLong, asJSON bool) (bot.Question, error) {
	if tooLong {
		return bot.Question{}, fmt.Errorf("line is longer than %d bytes", maxAskLine)
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	var q bot.Question
	if asJSON && bytes.HasPrefix(bytes.TrimSpace(line), []byte("{")) {
		var in askInput
		if err := json.Unmarshal(line, &in); err != nil {
			return q, fmt.Errorf("invalid JSON: %v", err)
		}
		if in.Text == nil {
			return q, errors.New(`"text" is missing`)
		}
		q = bot.Question{Text: *in.Text, LangHint: in.Lang, Region: in.Region}
	} else {
		q.Text = string(line)
	}
	if strings.TrimSpace(q.Text) == "" {
		return q, errors.New("text is empty")
	}
	if len(q.Text) > bot.MaxTextBytes {
		return q, fmt.Errorf("text is %d bytes; the limit is %d", len(q.Text), bot.MaxTextBytes)
	}
	return q, nil
}

func toAskOutput(a bot.Answer) askOutput {
	u := a.Understanding
	out := askOutput{Lang: a.Lang, Emergency: u.Emergency != "", Reply: replyText(a.Replies), Candidates: []askCandidate{}}
	if a.Intent != "" {
		out.Intent = &a.Intent
	}
	for _, c := range u.Candidates {
		if len(out.Candidates) == 3 {
			break
		}
		out.Candidates = append(out.Candidates, askCandidate{Intent: c.Intent, Score: round4(c.Score)})
	}
	if len(u.Candidates) > 0 {
		out.Score = round4(u.Candidates[0].Score)
	}
	return out
}

// round4 rounds a score to 4 decimals within [0,1], the contract's range; a
// NaN (which JSON cannot carry, and which would end the run) becomes 0.
func round4(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Round(min(max(x, 0), 1)*1e4) / 1e4
}

// replyText is what a person reads: every reply as plain text, its
// buttons as a line of [labels].
func replyText(replies []bot.Reply) string {
	parts := make([]string, len(replies))
	for i, r := range replies {
		parts[i] = r.PlainText()
		var labels []string
		for _, row := range r.Buttons {
			for _, b := range row {
				labels = append(labels, "["+b.Label+"]")
			}
		}
		if len(labels) > 0 {
			parts[i] += "\n\n" + strings.Join(labels, " ")
		}
	}
	return strings.Join(parts, "\n\n")
}
