package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

// botAPIProxy stands between one replica and the fake Bot API, to tell
// the replicas' calls apart: it counts getUpdates calls and can hold those
// that would confirm updates above an id (so that what the replica
// answered stays unconfirmed).
type botAPIProxy struct {
	*httputil.ReverseProxy
	polls     atomic.Int64
	lastPoll  atomic.Int64 // unix nanoseconds
	holdAbove atomic.Int64 // hold getUpdates with an offset above this; 0: none
	release   chan struct{}
}

func newBotAPIProxy(t *testing.T, fake *telegramtest.Server) (*botAPIProxy, string) {
	u, _ := url.Parse(fake.URL)
	p := &botAPIProxy{ReverseProxy: httputil.NewSingleHostReverseProxy(u), release: make(chan struct{})}
	srv := &http.Server{Handler: p}
	addr := freeAddr(t)
	ln := mustListen(t, addr)
	go srv.Serve(ln)
	t.Cleanup(func() { close(p.release); srv.Close() })
	return p, "http://" + addr
}

func (p *botAPIProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/getUpdates") {
		p.polls.Add(1)
		p.lastPoll.Store(time.Now().UnixNano())
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		offset, _ := strconv.Atoi(form.Get("offset"))
		if above := p.holdAbove.Load(); above > 0 && int64(offset) > above {
			select { // never answered: the replica's confirmations do not arrive
			case <-p.release:
			case <-r.Context().Done():
			}
			return
		}
	}
	p.ReverseProxy.ServeHTTP(w, r)
}

// answersPerChat counts the sendMessage calls to each chat.
func answersPerChat(fake *telegramtest.Server) map[int64]int {
	n := map[int64]int{}
	for _, c := range fake.Calls("sendMessage") {
		n[c.ChatID]++
	}
	return n
}

// TestReplicas_PollingFailover runs two compass serve processes on one
// database in polling mode. Only one polls; the other stands by. The
// leader answers updates and is killed (SIGKILL) before it could confirm
// them to Telegram; the standby takes over within 5 s, fetches those
// updates again and does not answer them twice (the update log), and
// answers everything that comes later: no update lost, none answered
// twice, counted at the fake Bot API.
func TestReplicas_PollingFailover(t *testing.T) {
	if testing.Short() {
		t.Skip("runs compass serve as child processes")
	}
	dbURL := smallPackDatabase(t)
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	type replica struct {
		proxy *botAPIProxy
		addr  string
		kill  func()
	}
	var replicas [2]*replica
	for i := range replicas {
		proxy, apiURL := newBotAPIProxy(t, fake)
		addr := freeAddr(t)
		cmd, _ := startCompass(t, []string{"TELEGRAM_TOKEN=" + serveToken, "TELEGRAM_API_URL=" + apiURL, "DATABASE_URL=" + dbURL,
			"COMPASS_LISTEN=" + addr, "COMPASS_PACK="}, "serve")
		replicas[i] = &replica{proxy: proxy, addr: addr, kill: func() { cmd.Process.Signal(syscall.SIGKILL); cmd.Wait() }}
	}
	for _, r := range replicas {
		waitUntil(t, "both ready", func() bool { code, _ := readyz(r.addr); return code == http.StatusOK })
	}
	var leader, standby *replica
	waitUntil(t, "a leader polling", func() bool {
		for i, r := range replicas {
			if r.proxy.polls.Load() > 0 {
				leader, standby = r, replicas[1-i]
				return true
			}
		}
		return false
	})
	time.Sleep(3 * leaderCheck)
	if n := standby.proxy.polls.Load(); n != 0 {
		t.Fatalf("the standby polled too (%d getUpdates)", n)
	}

	// The leader answers five people, and its confirmation of the last
	// of them never reaches Telegram.
	killedAt0 := time.Now()
	const first, later = 5, 5
	last := 0
	for i := range first {
		chat := int64(920001 + i)
		last = fake.AddUpdate(telegramtest.TextUpdate(chat, chat, "en", "/help"))
		if i == 0 {
			leader.proxy.holdAbove.Store(int64(last + first - 1))
		}
	}
	waitUntil(t, "the leader's answers", func() bool {
		if time.Since(killedAt0) > 15*time.Second {
			t.Fatalf("answers %v: the leader did not answer the five", answersPerChat(fake))
		}
		return len(answersPerChat(fake)) == first
	})
	time.Sleep(500 * time.Millisecond) // the answers are recorded; the next poll is held
	if fake.Confirmed() > last {
		t.Fatalf("the answered updates were confirmed (offset %d); the test needs them unconfirmed", fake.Confirmed())
	}
	perChat := answersPerChat(fake)
	killed := time.Now()
	leader.kill()

	waitUntil(t, "the standby polling", func() bool { return standby.proxy.polls.Load() > 0 })
	takeover := time.Duration(standby.proxy.lastPoll.Load() - killed.UnixNano())
	for i := range later {
		chat := int64(930001 + i)
		last = fake.AddUpdate(telegramtest.TextUpdate(chat, chat, "en", "/help"))
	}
	waitUntil(t, "the later updates answered and everything confirmed", func() bool {
		return len(answersPerChat(fake)) == first+later && fake.Confirmed() > last
	})
	time.Sleep(time.Second) // anything answered twice would show by now
	got := answersPerChat(fake)
	want := perChat[920001]
	for chat, n := range got {
		if n != want {
			t.Errorf("chat %d got %d messages, want %d (one answer): answered twice or cut off", chat, n, want)
		}
	}
	if len(got) != first+later {
		t.Errorf("%d chats answered, want %d", len(got), first+later)
	}
	t.Logf("failover: the standby polled %v after the leader was killed", takeover.Round(time.Millisecond))
	if takeover > 5*time.Second {
		t.Errorf("the standby took over %v after the leader died, want within 5 s", takeover)
	}
}

// TestReplicas_Webhook runs two compass serve processes on one database
// behind one webhook: either answers; an update Telegram delivers twice,
// to one and then the other, or to both at once, is answered once.
func TestReplicas_Webhook(t *testing.T) {
	if testing.Short() {
		t.Skip("runs compass serve as child processes")
	}
	dbURL := smallPackDatabase(t)
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	const secret = "replica-secret_7"
	var addrs [2]string
	for i := range addrs {
		addrs[i] = freeAddr(t)
		startCompass(t, []string{"TELEGRAM_TOKEN=" + serveToken, "TELEGRAM_API_URL=" + fake.URL, "DATABASE_URL=" + dbURL,
			"COMPASS_LISTEN=" + addrs[i], "TELEGRAM_WEBHOOK_URL=https://bot.example.org/tg/hook", "TELEGRAM_WEBHOOK_SECRET=" + secret, "COMPASS_PACK="}, "serve")
	}
	for _, a := range addrs {
		waitUntil(t, "both ready", func() bool { code, _ := readyz(a); return code == http.StatusOK })
	}
	post := func(addr string, id int, chat int64) int { return postWebhook(addr, secret, id, chat, "en", "/help") }
	// Telegram retries until it gets 200, as it does.
	deliver := func(addr string, id int, chat int64) {
		for range 100 {
			if post(addr, id, chat) == http.StatusOK {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Errorf("update %d: no 200 from %s", id, addr)
	}
	deliver(addrs[0], 1, 940001)
	deliver(addrs[1], 2, 940002) // either replica answers
	one := answersPerChat(fake)[940001]
	if one == 0 || answersPerChat(fake)[940002] != one {
		t.Fatalf("answers %v: each replica should have answered its update", answersPerChat(fake))
	}
	deliver(addrs[1], 1, 940001) // the 200 was lost: Telegram delivers update 1 again, to the other replica
	var wg sync.WaitGroup        // and update 3 to both at once
	for _, a := range addrs {
		wg.Add(1)
		go func() { defer wg.Done(); deliver(a, 3, 940003) }()
	}
	wg.Wait()
	time.Sleep(500 * time.Millisecond)
	got := answersPerChat(fake)
	for _, chat := range []int64{940001, 940002, 940003} {
		if got[chat] != one {
			t.Errorf("chat %d got %d messages, want %d (answered once)", chat, got[chat], one)
		}
	}
}

func mustListen(t *testing.T, addr string) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return ln
}
