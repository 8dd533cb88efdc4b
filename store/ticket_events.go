package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/compassbot/compass/content"
)

// TicketsChannel is the PostgreSQL notification channel on which the
// triggers of 0008_tickets.sql announce ticket changes.
const TicketsChannel = "compass_tickets"

// ticketEventBuffer is how far a subscriber may fall behind before it is
// told to resync instead.
const ticketEventBuffer = 256

// Events listens for ticket changes until ctx ends. A lost connection is
// retried with backoff; once back, subscribers get content.EventResync,
// since changes may have been missed meanwhile. It does not block, even
// when the database is down.
func (ts tickets) Events(ctx context.Context) <-chan content.TicketEvent {
	out := make(chan content.TicketEvent, ticketEventBuffer)
	s := ts.s
	l := s.newListener("ticket")
	go func() {
		defer close(out)
		stop := context.AfterFunc(ctx, func() { l.Close() })
		defer stop()
		defer l.Close()
		if err := l.Listen(TicketsChannel); err != nil {
			if ctx.Err() == nil {
				s.logger.Error("store: cannot listen for ticket changes", "err", err)
			}
			return
		}
		ping := time.NewTicker(pingEvery)
		defer ping.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case n, ok := <-l.Notify:
				if !ok {
					return
				}
				ev := content.TicketEvent{Kind: content.EventResync} // a nil notification follows a reconnect
				if n != nil {
					var good bool
					if ev, good = parseTicketEvent(n.Extra); !good {
						s.logger.Warn("store: unreadable ticket notification", "payload", n.Extra)
						continue
					}
				}
				select {
				case out <- ev:
				default: // the subscriber is behind: it must list again anyway
					select {
					case <-out:
					default:
					}
					out <- content.TicketEvent{Kind: content.EventResync}
				}
			case <-ping.C:
				go l.Ping()
			}
		}
	}()
	return out
}

// parseTicketEvent reads "<kind> <number> [<seq>]".
func parseTicketEvent(payload string) (content.TicketEvent, bool) {
	f := strings.Fields(payload)
	if len(f) < 2 || len(f) > 3 {
		return content.TicketEvent{}, false
	}
	n, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return content.TicketEvent{}, false
	}
	ev := content.TicketEvent{Kind: content.TicketEventKind(f[0]), Number: n}
	switch ev.Kind {
	case content.EventOpened, content.EventState, content.EventDeleted, content.EventOutbox:
		return ev, len(f) == 2
	case content.EventMessage:
		if len(f) != 3 {
			return content.TicketEvent{}, false
		}
		ev.Seq, err = strconv.Atoi(f[2])
		return ev, err == nil
	}
	return content.TicketEvent{}, false
}
