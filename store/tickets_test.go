package store_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
)

func TestTickets(t *testing.T) {
	contenttest.TicketStoreSuite(t, func(t *testing.T) content.TicketStore {
		db, _ := newDB(t)
		return db.Tickets()
	})
}

// TestTickets_AuditLogKeepsStateChangesWithoutThePerson: every change of a
// ticket's state is in the audit log, and nothing of the person is.
func TestTickets_AuditLogKeepsStateChangesWithoutThePerson(t *testing.T) {
	db, url := newDB(t)
	ts := db.Tickets()
	tk := contenttest.OpenTicket(t, ts, "4242", "my landlord keeps my deposit")
	ctx := ctxT(t)
	at := tk.Opened
	if _, err := ts.Act(ctx, tk.Number, content.ActClaim, "discord:77", at, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Act(ctx, tk.Number, content.ActReply, "discord:77", at,
		&content.TicketMessage{From: content.FromVolunteer, Volunteer: "discord:77", Text: "call the tenants' union", At: at}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Act(ctx, tk.Number, content.ActClose, "volunteer", at, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.DeleteFor(ctx, "telegram", "4242"); err != nil {
		t.Fatal(err)
	}
	conn := sqlConn(t, url)
	var rows []struct {
		Op  string  `db:"op"`
		Old *string `db:"old"`
		New *string `db:"new"`
	}
	if err := conn.Select(&rows, `SELECT op, old::text AS old, new::text AS new FROM audit_log WHERE table_name = 'tickets' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, r := range rows {
		for _, js := range []*string{r.Old, r.New} {
			if js == nil {
				continue
			}
			for _, secret := range []string{"4242", "chat-4242", "landlord", "tenants"} {
				if strings.Contains(*js, secret) {
					t.Errorf("the audit log holds %q: %s", secret, *js)
				}
			}
		}
		if r.New != nil {
			var v struct{ State string }
			if err := json.Unmarshal([]byte(*r.New), &v); err != nil {
				t.Fatal(err)
			}
			states = append(states, v.State)
		} else {
			states = append(states, r.Op)
		}
	}
	want := "[open claimed answered closed DELETE]"
	if got := fmt.Sprint(states); got != want {
		t.Errorf("audited states %s, want %s", got, want)
	}
}
