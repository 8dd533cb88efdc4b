package telegram

import (
	"context"
	"fmt"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

// benchMessages are what people send, in several languages and kinds.
var benchMessages = []struct{ lang, text string }{
	{"ru", "где сделать Meldezettel?"},
	{"ar", "كيف أسجل في AMS؟"},
	{"uk", "як отримати e-card?"},
	{"de", "Wo finde ich einen Deutschkurs?"},
	{"tr", "çalışma izni nasıl alınır"},
	{"en", "/start"},
	{"fa", "/topics"},
	{"en", "I need a doctor at night"},
}

// benchmarkPolling feeds b.N updates from 200 chats through the fake
// server, the real SDK client and the adapter (limits off) to h, and
// reports updates per second end to end: fetched, handled, answered and
// confirmed.
func benchmarkPolling(b *testing.B, h bot.Handler) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	cfg := testConfig(srv, h)
	cfg.Workers = 32
	a, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	var last int
	for i := 0; i < b.N; i++ {
		m := benchMessages[i%len(benchMessages)]
		chat := int64(i%200 + 1)
		last = srv.AddUpdate(telegramtest.TextUpdate(chat, chat, m.lang, m.text))
	}
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Poll(ctx) }()
	for srv.Confirmed() <= last {
		time.Sleep(time.Millisecond)
	}
	elapsed, used := time.Since(start), cpuTime()-cpu
	b.StopTimer()
	cancel()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	if st := a.Stats(); st.Handled != int64(b.N) || st.Dropped != 0 {
		b.Fatalf("handled %d of %d updates, dropped %d", st.Handled, b.N, st.Dropped)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(b.N)/used.Seconds(), "updates/cpu-s")
}

// cpuTime is the CPU time (user and system) this process has used. On a
// shared machine, updates per CPU-second is the stable measure: the fake
// server runs in the same process, so it is a pessimistic one.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPolling_Engine is the real engine on the bundled pack.
func BenchmarkPolling_Engine(b *testing.B) { benchmarkPolling(b, newEngine(b)) }

// BenchmarkPolling_Echo is the baseline: a handler that does nothing but
// echo, so the difference is the engine's share.
func BenchmarkPolling_Echo(b *testing.B) {
	benchmarkPolling(b, &recorder{reply: func(m bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Text: fmt.Sprint(len(m.Text))}}, nil
	}})
}

// BenchmarkEngine_Direct calls the engine without Telegram, with the same
// messages, on all cores: the ceiling for BenchmarkPolling_Engine.
func BenchmarkEngine_Direct(b *testing.B) {
	e := newEngine(b)
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(n.Add(1))
			m := benchMessages[i%len(benchMessages)]
			chat := fmt.Sprint(i%200 + 1)
			if _, err := e.Handle(context.Background(), bot.Message{Channel: Channel, UserID: chat, ChatID: chat, Text: m.text, LangHint: m.lang}); err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu).Seconds(), "updates/cpu-s")
}
