package telegram

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

func TestPoll_KeepsEachChatInOrderAndRunsChatsConcurrently(t *testing.T) {
	srv := newFake(t)
	var running, maxRunning atomic.Int32
	perChat := map[string]*atomic.Int32{}
	var mu sync.Mutex
	seen := map[string][]string{}
	rec := &recorder{reply: func(m bot.Message) ([]bot.Reply, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			old := maxRunning.Load()
			if n <= old || maxRunning.CompareAndSwap(old, n) {
				break
			}
		}
		mu.Lock()
		c := perChat[m.ChatID]
		mu.Unlock()
		if c.Add(1) != 1 {
			t.Errorf("chat %s handled two updates at once", m.ChatID)
		}
		time.Sleep(2 * time.Millisecond)
		c.Add(-1)
		mu.Lock()
		seen[m.ChatID] = append(seen[m.ChatID], m.Text)
		mu.Unlock()
		return []bot.Reply{{Text: m.Text}}, nil
	}}
	const chats, each = 8, 15
	last := 0
	for i := 0; i < each; i++ {
		for c := 1; c <= chats; c++ {
			perChat[strconv.Itoa(c)] = &atomic.Int32{}
			last = srv.AddUpdate(telegramtest.TextUpdate(int64(c), int64(c), "en", fmt.Sprint(i)))
		}
	}
	cfg := testConfig(srv, rec)
	cfg.Workers = 4
	cfg.MaxPerChat = each
	a := newAdapter(t, cfg)
	stop := poll(t, a)
	waitFor(t, "all updates confirmed", 10*time.Second, confirmed(srv, last))
	stop()
	for c := 1; c <= chats; c++ {
		got := strings.Join(seen[strconv.Itoa(c)], ",")
		want := "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14"
		if got != want {
			t.Errorf("chat %d handled in order %s, want %s", c, got, want)
		}
	}
	if m := maxRunning.Load(); m < 2 || m > 4 {
		t.Errorf("at most %d updates ran at once, want between 2 and Workers=4", m)
	}
}

func TestPoll_OffsetNeverPassesAnUnhandledUpdate(t *testing.T) {
	srv := newFake(t)
	gate := make(chan struct{})
	rec := &recorder{reply: func(m bot.Message) ([]bot.Reply, error) {
		if m.ChatID == "1" {
			<-gate
		}
		return []bot.Reply{{Text: "ok"}}, nil
	}}
	slow := srv.AddUpdate(telegramtest.TextUpdate(1, 1, "en", "slow"))
	var last int
	for c := int64(2); c <= 6; c++ {
		last = srv.AddUpdate(telegramtest.TextUpdate(c, c, "en", "fast"))
	}
	a := newAdapter(t, testConfig(srv, rec))
	stop := poll(t, a)
	waitFor(t, "the fast chats answered", 5*time.Second, func() bool { return len(srv.Calls("sendMessage")) == 5 })
	time.Sleep(300 * time.Millisecond) // let the poller confirm what it can
	if got := srv.Confirmed(); got > slow {
		t.Fatalf("offset %d confirmed update %d before it was handled", got, slow)
	}
	if srv.Pending() != 6 {
		t.Fatalf("Telegram would keep %d updates, want all 6 while the first is unhandled", srv.Pending())
	}
	close(gate)
	waitFor(t, "everything confirmed", 5*time.Second, confirmed(srv, last))
	stop()
}

// answered counts, per update text, how many replies carried it.
func answered(srv *telegramtest.Server) map[string]int {
	n := map[string]int{}
	for _, r := range srv.Calls("sendMessage") {
		n[r.Text()]++
	}
	return n
}

// restartMidStream stops a poller while it works through total updates of
// 25 chats, starts a second one and returns how often each update was
// answered and the offset the first poller confirmed when it stopped.
func restartMidStream(t *testing.T, drain time.Duration, total int) (answers map[string]int, confirmedAtStop int) {
	srv := newFake(t)
	echo := &recorder{delay: 5 * time.Millisecond, reply: func(m bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Text: m.Text}}, nil
	}}
	var last int
	for i := 0; i < total; i++ {
		c := int64(i%25 + 1)
		last = srv.AddUpdate(telegramtest.TextUpdate(c, c, "de", "u"+strconv.Itoa(i)))
	}
	cfg := testConfig(srv, echo)
	cfg.DrainTimeout = drain
	first := newAdapter(t, cfg)
	stop := poll(t, first)
	waitFor(t, "some answers", 10*time.Second, func() bool { return len(srv.Calls("sendMessage")) >= total/4 })
	stop() // mid-stream
	if n := len(srv.Calls("sendMessage")); n >= total {
		t.Fatalf("the first poller answered all %d updates before it was stopped; the test proves nothing", n)
	}
	confirmedAtStop = srv.Confirmed()
	second := newAdapter(t, cfg)
	stop2 := poll(t, second)
	waitFor(t, "all updates confirmed after restart", 20*time.Second, confirmed(srv, last))
	stop2()
	return answered(srv), confirmedAtStop
}

func TestPoll_RestartLosesNothingAndAnswersNothingTwice(t *testing.T) {
	const total = 400
	got, _ := restartMidStream(t, 5*time.Second, total)
	for i := 0; i < total; i++ {
		if n := got["u"+strconv.Itoa(i)]; n != 1 {
			t.Errorf("update u%d answered %d times, want exactly once", i, n)
		}
	}
}

// When shutdown cuts updates off (or the process dies), updates that were
// finished above an unfinished one cannot be confirmed to Telegram: they
// come again. Nothing is lost, and nothing confirmed is repeated.
func TestPoll_CutOffStopLosesNothing(t *testing.T) {
	const total = 400
	got, confirmedAtStop := restartMidStream(t, time.Millisecond, total)
	repeated := 0
	for i := 0; i < total; i++ {
		n := got["u"+strconv.Itoa(i)]
		if n == 0 {
			t.Errorf("update u%d was lost", i)
		}
		if id := i + 1; n > 1 {
			repeated++
			if id < confirmedAtStop {
				t.Errorf("update u%d (id %d) answered %d times although offset %d had confirmed it", i, id, n, confirmedAtStop)
			}
		}
	}
	t.Logf("%d of %d updates answered twice after a cut-off stop", repeated, total)
}

func TestSend_429WaitsRetryAfterThenRetries(t *testing.T) {
	srv := newFake(t)
	srv.FailNext("sendMessage", telegramtest.TooManyRequests)
	a := newAdapter(t, testConfig(srv, &recorder{}))
	id := srv.AddUpdate(telegramtest.TextUpdate(42, 42, "en", "hi"))
	stop := poll(t, a)
	waitFor(t, "update confirmed", 5*time.Second, confirmed(srv, id))
	stop()
	calls := srv.Calls("sendMessage")
	if len(calls) != 2 {
		t.Fatalf("sendMessage called %d times, want 2 (429, then the retry)", len(calls))
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < time.Second {
		t.Errorf("retried %v after a 429 with retry_after=1, want at least 1s", gap)
	}
	if st := a.Stats(); st.RateLimited != 1 || st.Retries != 1 || st.Dropped != 0 {
		t.Errorf("stats = %+v, want 1 rate limited, 1 retry, 0 dropped", st)
	}
}

func TestSend_TransientErrorsRetriedPermanentDropped(t *testing.T) {
	tests := []struct {
		name      string
		failures  []telegramtest.Failure
		wantCalls int
		wantSent  bool
	}{
		{"500 then success", []telegramtest.Failure{telegramtest.InternalError}, 2, true},
		{"proxy HTML page then success", []telegramtest.Failure{telegramtest.BadGateway}, 2, true},
		{"retries are bounded", []telegramtest.Failure{telegramtest.InternalError, telegramtest.InternalError, telegramtest.InternalError, telegramtest.InternalError, telegramtest.InternalError}, 4, false},
		{"400 is not retried", []telegramtest.Failure{{Code: 400, Description: "Bad Request: can't parse entities"}}, 1, false},
		{"429 asking too long a wait drops", []telegramtest.Failure{{Code: 429, RetryAfter: 3600}}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFake(t)
			srv.FailNext("sendMessage", tt.failures...)
			a := newAdapter(t, testConfig(srv, &recorder{}))
			id := srv.AddUpdate(telegramtest.TextUpdate(7, 7, "en", "hi"))
			stop := poll(t, a)
			waitFor(t, "update confirmed", 5*time.Second, confirmed(srv, id))
			stop()
			if n := srv.Count("sendMessage"); n != tt.wantCalls {
				t.Errorf("sendMessage called %d times, want %d", n, tt.wantCalls)
			}
			st := a.Stats()
			if sent := st.Sent > 0; sent != tt.wantSent {
				t.Errorf("sent = %v, want %v (stats %+v)", sent, tt.wantSent, st)
			}
			if !tt.wantSent && st.Dropped != 1 {
				t.Errorf("Dropped = %d, want 1", st.Dropped)
			}
		})
	}
}

func TestSend_403StopsSendingToTheChat(t *testing.T) {
	srv := newFake(t)
	srv.Block(99)
	var blocked []string
	var mu sync.Mutex
	rec := &recorder{reply: func(m bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "one"}, {Text: "two", Venue: &bot.Venue{Title: "AMS", Address: "Graz", Lat: 47, Lon: 15}}, {Text: "three"}}, nil
	}}
	cfg := testConfig(srv, rec)
	cfg.OnBlocked = func(to bot.Address) { mu.Lock(); blocked = append(blocked, to.Channel+":"+to.ChatID); mu.Unlock() }
	a := newAdapter(t, cfg)
	id := srv.AddUpdate(telegramtest.TextUpdate(99, 99, "en", "hi"))
	other := srv.AddUpdate(telegramtest.TextUpdate(100, 100, "en", "hi"))
	stop := poll(t, a)
	waitFor(t, "updates confirmed", 5*time.Second, confirmed(srv, max(id, other)))
	stop()
	to99 := 0
	for _, r := range srv.Messages() {
		if r.ChatID == 99 {
			to99++
		}
	}
	if to99 != 1 {
		t.Errorf("%d calls to the blocked chat, want 1 (the one that got 403)", to99)
	}
	if n := len(srv.Messages()) - to99; n != 4 {
		t.Errorf("the other chat got %d calls, want 4 (3 texts and a venue)", n)
	}
	if len(blocked) != 1 || blocked[0] != "telegram:99" {
		t.Errorf("OnBlocked called with %v, want [telegram:99]", blocked)
	}
	if !a.sender.isBlocked(99) {
		t.Error("chat 99 not marked blocked")
	}
}

func TestHandle_EngineErrorGetsAnApologyAndTheButtonAnAnswer(t *testing.T) {
	srv := newFake(t)
	rec := &recorder{reply: func(bot.Message) ([]bot.Reply, error) { return nil, errors.New("boom") }}
	a := newAdapter(t, testConfig(srv, rec))
	srv.AddUpdate(telegramtest.TextUpdate(5, 5, "en", "hi"))
	id := srv.AddUpdate(telegramtest.CallbackUpdate(6, 6, "fa", "1:m:topics"))
	stop := poll(t, a)
	waitFor(t, "updates confirmed", 5*time.Second, confirmed(srv, id))
	stop()
	english, farsi := bot.Apology("en", bot.TroubleFailed), bot.Apology("fa", bot.TroubleFailed)
	if english == farsi {
		t.Fatal("bot.Apology gives the same text in English and Farsi")
	}
	got := map[int64]string{}
	for _, m := range srv.Calls("sendMessage") {
		got[m.ChatID] += m.Text()
	}
	if want := map[int64]string{5: english, 6: farsi}; !maps.Equal(got, want) {
		t.Errorf("sent %v, want an apology to each chat in its person's language %v", got, want)
	}
	answers := srv.Calls("answerCallbackQuery")
	if len(answers) != 1 || answers[0].Form.Get("text") != farsi {
		t.Errorf("callback answers = %v, want one apology in Farsi", answers)
	}
	if st := a.Stats(); st.HandlerErrors != 2 {
		t.Errorf("HandlerErrors = %d, want 2", st.HandlerErrors)
	}
}

func TestPoll_RecoversFromGetUpdatesFailuresAndRemovesWebhook(t *testing.T) {
	srv := newFake(t)
	srv.FailNext("getUpdates", telegramtest.InternalError, telegramtest.BadGateway, telegramtest.TooManyRequests)
	srv.FailNext("deleteWebhook", telegramtest.InternalError)
	a := newAdapter(t, testConfig(srv, &recorder{}))
	if _, err := a.api.MakeRequest("setWebhook", map[string]string{"url": "https://example.org/hook"}); err != nil {
		t.Fatal(err)
	}
	id := srv.AddUpdate(telegramtest.TextUpdate(8, 8, "en", "hi"))
	stop := poll(t, a)
	waitFor(t, "update confirmed", 10*time.Second, confirmed(srv, id))
	stop()
	if srv.Count("deleteWebhook") != 2 {
		t.Errorf("deleteWebhook called %d times, want 2 (a 500, then success)", srv.Count("deleteWebhook"))
	}
	if url, _ := srv.Webhook(); url != "" {
		t.Errorf("webhook %q still set", url)
	}
	if srv.Count("sendMessage") != 1 {
		t.Errorf("sendMessage called %d times, want 1", srv.Count("sendMessage"))
	}
}

func TestNew_RejectsBadToken(t *testing.T) {
	srv := newFake(t)
	cfg := testConfig(srv, &recorder{})
	cfg.Token = "wrong"
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "getMe") {
		t.Fatalf("New with a wrong token: err = %v, want a getMe error", err)
	}
	cfg.Token = ""
	if _, err := New(cfg); err == nil {
		t.Fatal("New without a token succeeded")
	}
	_ = context.Background
}

func TestPoll_WebhookSetWhilePollingIsRemoved(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, &recorder{}))
	stop := poll(t, a)
	waitFor(t, "a long poll", 5*time.Second, func() bool { return srv.Count("getUpdates") > 0 })
	if _, err := a.api.MakeRequest("setWebhook", map[string]string{"url": "https://elsewhere.example/hook"}); err != nil {
		t.Fatal(err)
	}
	id := srv.AddUpdate(telegramtest.TextUpdate(9, 9, "en", "hi"))
	waitFor(t, "update confirmed", 10*time.Second, confirmed(srv, id))
	stop()
	if srv.Count("deleteWebhook") != 2 || srv.Count("sendMessage") != 1 {
		t.Errorf("deleteWebhook %d times, sendMessage %d times; want 2 and 1", srv.Count("deleteWebhook"), srv.Count("sendMessage"))
	}
}

func TestPoll_AFloodingChatCannotHoldEveryoneBack(t *testing.T) {
	srv := newFake(t)
	rec := &recorder{delay: 20 * time.Millisecond}
	for i := 0; i < 60; i++ {
		srv.AddUpdate(telegramtest.TextUpdate(666, 666, "en", "spam"))
	}
	other := srv.AddUpdate(telegramtest.TextUpdate(7, 7, "en", "a real question"))
	cfg := testConfig(srv, rec)
	cfg.MaxPerChat = 4
	a := newAdapter(t, cfg)
	stop := poll(t, a)
	waitFor(t, "everything confirmed", 10*time.Second, confirmed(srv, other))
	stop()
	st := a.Stats()
	if st.Shed == 0 || st.Handled+st.Shed != 61 {
		t.Errorf("stats %+v: want some of the flood shed and every update either handled or shed", st)
	}
	if answered(srv)["got: a real question"] != 1 {
		t.Errorf("the other chat's question was not answered once: %v", answered(srv))
	}
}

func TestErrors_NeverShowTheToken(t *testing.T) {
	srv := newFake(t)
	url := srv.URL
	srv.Close() // connection refused: the transport error quotes the URL with the token
	cfg := testConfig(srv, &recorder{})
	cfg.APIURL = url
	_, err := New(cfg)
	if err == nil {
		t.Fatal("New against a closed server succeeded")
	}
	if strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "<token>") {
		t.Errorf("error text %q shows the token or is not the transport error", err)
	}
}
