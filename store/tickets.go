package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// Tickets returns the ticket store kept in the tickets, ticket_messages and
// outbox tables (migration 0008_tickets.sql). Every process on the
// database sees the same tickets: a reply typed in `compass inbox` is
// delivered by the `compass serve` that runs the person's channel.
func (s *DB) Tickets() content.TicketStore { return tickets{s} }

type tickets struct{ s *DB }

// ticketColumns are read into ticketRow.
const ticketColumns = `number, coalesce(channel, '') AS channel, coalesce(chat_id, '') AS chat_id,
	coalesce(user_id, '') AS user_id, lang, region, coalesce(topic, '') AS topic, coalesce(question, '') AS question,
	candidates, state, coalesce(volunteer, '') AS volunteer, coalesce(closed_by, '') AS closed_by,
	created_at, opened_at, updated_at, closed_at`

type ticketRow struct {
	Number     int64          `db:"number"`
	Channel    string         `db:"channel"`
	ChatID     string         `db:"chat_id"`
	UserID     string         `db:"user_id"`
	Lang       string         `db:"lang"`
	Region     string         `db:"region"`
	Topic      string         `db:"topic"`
	Question   string         `db:"question"`
	Candidates pq.StringArray `db:"candidates"`
	State      string         `db:"state"`
	Volunteer  string         `db:"volunteer"`
	ClosedBy   string         `db:"closed_by"`
	Created    time.Time      `db:"created_at"`
	Opened     sql.NullTime   `db:"opened_at"`
	Updated    time.Time      `db:"updated_at"`
	Closed     sql.NullTime   `db:"closed_at"`
}

func (r ticketRow) ticket() content.Ticket {
	return content.Ticket{
		Number: r.Number, Channel: r.Channel, ChatID: r.ChatID, UserID: r.UserID,
		Lang: r.Lang, Region: r.Region, Topic: r.Topic, Question: r.Question,
		Candidates: []string(r.Candidates), State: content.TicketState(r.State),
		Volunteer: r.Volunteer, ClosedBy: r.ClosedBy,
		Created: r.Created, Opened: r.Opened.Time, Updated: r.Updated, Closed: r.Closed.Time,
	}
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }

const (
	selectActiveTicketSQL = `SELECT ` + ticketColumns + ` FROM tickets WHERE channel = $1 AND user_id = $2 AND state <> 'closed'`
	updateDraftSQL        = `UPDATE tickets SET chat_id = $2, lang = $3, region = $4, topic = nullif($5, ''), question = $6,
	candidates = $7, updated_at = $8 WHERE number = $1 RETURNING ` + ticketColumns
	insertDraftSQL = `INSERT INTO tickets (channel, chat_id, user_id, lang, region, topic, question, candidates, state, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, nullif($6, ''), $7, $8, 'draft', $9, $9) RETURNING ` + ticketColumns
)

// SaveDraft stores the person's draft, replacing the one they had.
func (ts tickets) SaveDraft(ctx context.Context, t content.Ticket) (content.Ticket, error) {
	if t.Channel == "" || t.ChatID == "" || t.UserID == "" {
		return content.Ticket{}, errors.New("store: save draft: channel, chat and user are required")
	}
	var out content.Ticket
	err := ts.s.inTx(ctx, func(tx *sqlx.Tx) error {
		var old ticketRow
		err := tx.GetContext(ctx, &old, selectActiveTicketSQL+` FOR UPDATE`, t.Channel, t.UserID)
		var row ticketRow
		switch {
		case errors.Is(err, sql.ErrNoRows):
			err = tx.GetContext(ctx, &row, insertDraftSQL, t.Channel, t.ChatID, t.UserID, t.Lang, t.Region, t.Topic,
				t.Question, candidates(t.Candidates), t.Created)
		case err != nil:
		case old.State != string(content.TicketDraft):
			return content.ErrTicketState
		default:
			err = tx.GetContext(ctx, &row, updateDraftSQL, old.Number, t.ChatID, t.Lang, t.Region, t.Topic,
				t.Question, candidates(t.Candidates), t.Created)
		}
		out = row.ticket()
		return err
	})
	if err != nil && !errors.Is(err, content.ErrTicketState) {
		return content.Ticket{}, fmt.Errorf("store: save draft: %w", err)
	}
	return out, err
}

// candidates is never NULL: a ticket without guesses has an empty list.
func candidates(ids []string) pq.StringArray {
	if ids == nil {
		return pq.StringArray{}
	}
	return pq.StringArray(ids)
}

// Active returns the person's ticket that is not closed.
func (ts tickets) Active(ctx context.Context, channel, userID string) (content.Ticket, error) {
	var row ticketRow
	err := ts.s.db.GetContext(ctx, &row, selectActiveTicketSQL, channel, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return content.Ticket{}, content.ErrNotFound
	}
	if err != nil {
		return content.Ticket{}, fmt.Errorf("store: active ticket: %w", err)
	}
	return row.ticket(), nil
}

const (
	selectTicketSQL   = `SELECT ` + ticketColumns + ` FROM tickets WHERE number = $1`
	selectMessagesSQL = `SELECT seq, author, coalesce(volunteer, '') AS volunteer, coalesce(signature, '') AS signature, body, at
FROM ticket_messages WHERE ticket = $1 ORDER BY seq`
)

type messageRow struct {
	Seq       int       `db:"seq"`
	Author    string    `db:"author"`
	Volunteer string    `db:"volunteer"`
	Signature string    `db:"signature"`
	Body      string    `db:"body"`
	At        time.Time `db:"at"`
}

// Get returns a ticket with its messages.
func (ts tickets) Get(ctx context.Context, number int64) (content.Ticket, error) {
	var row ticketRow
	err := ts.s.db.GetContext(ctx, &row, selectTicketSQL, number)
	if errors.Is(err, sql.ErrNoRows) {
		return content.Ticket{}, content.ErrNotFound
	}
	if err != nil {
		return content.Ticket{}, fmt.Errorf("store: get ticket %d: %w", number, err)
	}
	var msgs []messageRow
	if err := ts.s.db.SelectContext(ctx, &msgs, selectMessagesSQL, number); err != nil {
		return content.Ticket{}, fmt.Errorf("store: get ticket %d: messages: %w", number, err)
	}
	t := row.ticket()
	for _, m := range msgs {
		t.Messages = append(t.Messages, content.TicketMessage{Seq: m.Seq, From: content.TicketAuthor(m.Author),
			Volunteer: m.Volunteer, Signature: m.Signature, Text: m.Body, At: m.At})
	}
	return t, nil
}

const listTicketsSQL = `SELECT ` + ticketColumns + ` FROM tickets WHERE state = ANY($1) ORDER BY number`

// List returns the tickets in the states, oldest first.
func (ts tickets) List(ctx context.Context, states ...content.TicketState) ([]content.Ticket, error) {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = string(s)
	}
	return ts.selectTickets(ctx, "list tickets", listTicketsSQL, pq.StringArray(names))
}

func (ts tickets) selectTickets(ctx context.Context, what, query string, args ...any) ([]content.Ticket, error) {
	var rows []ticketRow
	if err := ts.s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	out := make([]content.Ticket, len(rows))
	for i, r := range rows {
		out[i] = r.ticket()
	}
	return out, nil
}

const (
	updateTicketStateSQL = `UPDATE tickets SET state = $2, volunteer = nullif($3, ''), closed_by = nullif($4, ''),
	opened_at = $5, updated_at = $6, closed_at = $7 WHERE number = $1`
	insertMessageSQL = `INSERT INTO ticket_messages (ticket, seq, author, volunteer, signature, body, at)
VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM ticket_messages WHERE ticket = $1), $2, nullif($3, ''), nullif($4, ''), $5, $6)`
	insertDeliverySQL = `INSERT INTO outbox (ticket, channel, chat_id, body) VALUES ($1, $2, $3, $4)`
)

// Act applies a step under the ticket's row lock, so that concurrent
// claims are decided one after another: exactly one wins.
func (ts tickets) Act(ctx context.Context, number int64, a content.TicketAction, who string, now time.Time, msg *content.TicketMessage, out *content.Delivery) (content.Ticket, error) {
	var t content.Ticket
	err := ts.s.inTx(ctx, func(tx *sqlx.Tx) error {
		var row ticketRow
		if err := tx.GetContext(ctx, &row, selectTicketSQL+` FOR UPDATE`, number); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return content.ErrNotFound
			}
			return err
		}
		t = row.ticket()
		if err := t.Apply(a, who, now); err != nil {
			return err
		}
		if msg != nil { // first, so that listeners hear of the message before the state it led to
			if _, err := tx.ExecContext(ctx, insertMessageSQL, number, string(msg.From), msg.Volunteer, msg.Signature, msg.Text, msg.At); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, updateTicketStateSQL, number, string(t.State), t.Volunteer, t.ClosedBy,
			nullTime(t.Opened), t.Updated, nullTime(t.Closed)); err != nil {
			return err
		}
		if out != nil {
			if _, err := tx.ExecContext(ctx, insertDeliverySQL, number, out.Channel, out.ChatID, out.Body); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if isTicketRule(err) {
			return content.Ticket{}, err
		}
		return content.Ticket{}, fmt.Errorf("store: ticket %d: %s: %w", number, a, err)
	}
	return t, nil
}

// isTicketRule reports whether err is one of the ticket rules' answers,
// which callers compare with errors.Is and show to volunteers as they are.
func isTicketRule(err error) bool {
	for _, e := range []error{content.ErrNotFound, content.ErrTicketTaken, content.ErrTicketClosed, content.ErrTicketState} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

const deleteTicketsOfPersonSQL = `DELETE FROM tickets WHERE channel = $1 AND user_id = $2`

// DeleteFor deletes every ticket of the person (/forget).
func (ts tickets) DeleteFor(ctx context.Context, channel, userID string) (int, error) {
	res, err := ts.s.db.ExecContext(ctx, deleteTicketsOfPersonSQL, channel, userID)
	if err != nil {
		return 0, fmt.Errorf("store: delete tickets: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

const deleteDraftSQL = `DELETE FROM tickets WHERE number = $1 AND state = 'draft'`

// DeleteDraft deletes a draft.
func (ts tickets) DeleteDraft(ctx context.Context, number int64) error {
	if _, err := ts.s.db.ExecContext(ctx, deleteDraftSQL, number); err != nil {
		return fmt.Errorf("store: delete draft: %w", err)
	}
	return nil
}

const (
	ticketsAtChatSQL = `SELECT ` + ticketColumns + ` FROM tickets WHERE channel = $1 AND chat_id = $2 AND state <> 'closed' ORDER BY number`
	idleTicketsSQL   = `SELECT ` + ticketColumns + ` FROM tickets WHERE state <> 'closed' AND updated_at < $1 ORDER BY number`
)

// At returns the tickets not closed whose person is at the chat.
func (ts tickets) At(ctx context.Context, channel, chatID string) ([]content.Ticket, error) {
	return ts.selectTickets(ctx, "tickets at chat", ticketsAtChatSQL, channel, chatID)
}

// Idle returns the tickets not closed without activity since before.
func (ts tickets) Idle(ctx context.Context, before time.Time) ([]content.Ticket, error) {
	return ts.selectTickets(ctx, "idle tickets", idleTicketsSQL, before)
}

const (
	purgeTicketsSQL = `UPDATE tickets SET channel = NULL, chat_id = NULL, user_id = NULL, question = NULL
WHERE state = 'closed' AND closed_at < $1 AND (question IS NOT NULL OR chat_id IS NOT NULL
	OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket = number))
RETURNING number`
	purgeMessagesSQL = `DELETE FROM ticket_messages WHERE ticket = ANY($1)`
)

// Purge forgets the text and the person of tickets closed before the time.
func (ts tickets) Purge(ctx context.Context, closedBefore time.Time) (int, error) {
	var numbers pq.Int64Array
	err := ts.s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.SelectContext(ctx, &numbers, purgeTicketsSQL, closedBefore); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, purgeMessagesSQL, numbers)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: purge tickets: %w", err)
	}
	return len(numbers), nil
}

const (
	nextDeliverySQL = `UPDATE outbox SET not_before = now() + make_interval(secs => $2), attempts = attempts + 1
WHERE id = (SELECT id FROM outbox WHERE channel = ANY($1) AND not_before <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id, ticket, channel, chat_id, body, attempts`
	deleteDeliverySQL   = `DELETE FROM outbox WHERE id = $1`
	postponeDeliverySQL = `UPDATE outbox SET not_before = now() + make_interval(secs => $2) WHERE id = $1`
)

type deliveryRow struct {
	ID       int64  `db:"id"`
	Ticket   int64  `db:"ticket"`
	Channel  string `db:"channel"`
	ChatID   string `db:"chat_id"`
	Body     []byte `db:"body"`
	Attempts int    `db:"attempts"`
}

// Next leases the oldest waiting delivery for one of the channels. Leases
// use the database's clock, which every process shares.
func (ts tickets) Next(ctx context.Context, channels []string, lease time.Duration) (content.Delivery, error) {
	var r deliveryRow
	err := ts.s.db.GetContext(ctx, &r, nextDeliverySQL, pq.StringArray(channels), lease.Seconds())
	if errors.Is(err, sql.ErrNoRows) {
		return content.Delivery{}, content.ErrNotFound
	}
	if err != nil {
		return content.Delivery{}, fmt.Errorf("store: next delivery: %w", err)
	}
	return content.Delivery{ID: r.ID, Ticket: r.Ticket, Channel: r.Channel, ChatID: r.ChatID, Body: r.Body, Attempts: r.Attempts}, nil
}

// Delivered removes a delivery.
func (ts tickets) Delivered(ctx context.Context, id int64) error {
	if _, err := ts.s.db.ExecContext(ctx, deleteDeliverySQL, id); err != nil {
		return fmt.Errorf("store: delivered: %w", err)
	}
	return nil
}

// Postpone makes a delivery wait.
func (ts tickets) Postpone(ctx context.Context, id int64, after time.Duration) error {
	if _, err := ts.s.db.ExecContext(ctx, postponeDeliverySQL, id, after.Seconds()); err != nil {
		return fmt.Errorf("store: postpone delivery: %w", err)
	}
	return nil
}

// inTx runs f in a transaction and commits it unless f fails.
func (s *DB) inTx(ctx context.Context, f func(*sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

const countTicketsSQL = `SELECT state, count(*) AS n FROM tickets GROUP BY state`

// CountTickets returns how many tickets are in each state, for metrics.
func (s *DB) CountTickets(ctx context.Context) (map[content.TicketState]int, error) {
	var rows []struct {
		State string `db:"state"`
		N     int    `db:"n"`
	}
	if err := s.db.SelectContext(ctx, &rows, countTicketsSQL); err != nil {
		return nil, fmt.Errorf("store: count tickets: %w", err)
	}
	counts := map[content.TicketState]int{}
	for _, r := range rows {
		counts[content.TicketState(r.State)] = r.N
	}
	return counts, nil
}
