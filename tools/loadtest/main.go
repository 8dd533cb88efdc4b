// Command loadtest measures compass serve under load against the in-repo
// fake Telegram Bot API on loopback (docs/operations.md):
//
//	go run ./tools/loadtest                     # 200 people, 3 questions each, at most 25 a second, 120 s at most
//	go run ./tools/loadtest -burst 1000         # 1,000 people write at once, one of them in danger
//	go run ./tools/loadtest -fake-only -fake-addr 127.0.0.1:18481   # only the fake (for the container check)
//
// It builds compass, starts `compass serve` against the fake (polling,
// the bundled pack, or DATABASE_URL when set), and sends the people's
// messages as Telegram updates. It reports throughput, p50/p99 latency
// (from an update's arrival at the fake to the first reply arriving
// there), errors, the most replies the fake saw in any second (Telegram's
// limit is 30) and compass's peak RSS. Everything is bounded: the rate,
// the number of messages and -max-time.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

const token = "4242:load-test"

// questions are what the simulated people ask, in several languages.
var questions = []struct{ lang, text string }{
	{"de", "Wo bekomme ich einen Meldezettel?"},
	{"en", "How do I find a doctor?"},
	{"ar", "كيف أجد طبيبا؟"},
	{"uk", "Як знайти лікаря?"},
	{"fa", "چگونه کار پیدا کنم؟"},
	{"en", "I need a work permit"},
	{"tr", "Kira sözleşmesi nasıl yapılır?"},
	{"ru", "Где выучить немецкий язык?"},
	{"en", "/start"},
	{"so", "Xagee ka helaa dhakhtar?"},
}

func main() {
	people := flag.Int("people", 200, "simulated people")
	perPerson := flag.Int("messages", 3, "messages each person sends, one after the answer to the last")
	rate := flag.Float64("rate", 25, "most new messages per second, over everyone")
	maxTime := flag.Duration("max-time", 2*time.Minute, "stop after this long whatever is left")
	burst := flag.Int("burst", 0, "instead: this many people write at once and one more writes about an emergency")
	emergencyAt := flag.Int("emergency-at", -1, "with -burst: how many of the people write before the one in danger (default: half)")
	compassBin := flag.String("compass", "", "compass binary (default: built from ./cmd/compass)")
	fakeOnly := flag.Bool("fake-only", false, "only run the fake Bot API on -fake-addr until interrupted")
	fakeAddr := flag.String("fake-addr", "127.0.0.1:0", "address of the fake Bot API")
	flag.Parse()

	ln, err := net.Listen("tcp", *fakeAddr)
	if err != nil {
		fail("listen on %s: %v", *fakeAddr, err)
	}
	fake := telegramtest.NewServerOn(token, ln)
	defer fake.Close()
	if *fakeOnly {
		fmt.Printf("fake Bot API for token %s at %s\n", token, fake.URL)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
		return
	}
	bin := *compassBin
	if bin == "" {
		bin = build()
	}
	listen := freeAddr()
	c := startCompass(bin, fake.URL, listen)
	defer c.stop()

	if *burst > 0 {
		at := *emergencyAt
		if at < 0 || at > *burst {
			at = *burst / 2
		}
		runBurst(fake, *burst, at, *maxTime)
	} else {
		runSteady(fake, *people, *perPerson, *rate, *maxTime)
	}
	fmt.Printf("replies: at most %d arrived at the fake in any 1-second window (Telegram's limit: 30)\n", mostInAnySecond(fake))
	fmt.Printf("compass serve: %s; peak RSS %.0f MB\n", compassErrors(listen), float64(c.peakRSS())/1024)
}

// build compiles compass into a temporary directory.
func build() string {
	dir, err := os.MkdirTemp("", "compass-load-")
	if err != nil {
		fail("%v", err)
	}
	bin := filepath.Join(dir, "compass")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/compass")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fail("building compass (run from the repository's root): %v", err)
	}
	return bin
}

type compass struct {
	cmd  *exec.Cmd
	peak int64 // KB, VmHWM read while it runs
	mu   sync.Mutex
	done chan struct{}
}

func startCompass(bin, apiURL, listen string) *compass {
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "TELEGRAM_TOKEN="+token, "TELEGRAM_API_URL="+apiURL, "COMPASS_LOG_LEVEL=warn", "COMPASS_LISTEN="+listen)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		fail("starting compass: %v", err)
	}
	c := &compass{cmd: cmd, done: make(chan struct{})}
	go func() { // VmHWM is the peak RSS so far; read it until the end
		for {
			c.readPeak()
			select {
			case <-c.done:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	return c
}

func (c *compass) readPeak() {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			c.mu.Lock()
			c.peak = max(c.peak, kb)
			c.mu.Unlock()
		}
	}
}

func (c *compass) peakRSS() int64 {
	c.readPeak()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.peak == 0 && c.cmd.ProcessState != nil {
		if ru, ok := c.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			return ru.Maxrss
		}
	}
	return c.peak
}

func (c *compass) stop() {
	c.readPeak()
	close(c.done)
	c.cmd.Process.Signal(syscall.SIGTERM)
	waited := make(chan struct{})
	go func() { c.cmd.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(30 * time.Second):
		c.cmd.Process.Kill()
	}
}

// sent counts the replies per chat and the arrival of each chat's replies.
func repliesTo(fake *telegramtest.Server) map[int64][]time.Time {
	out := map[int64][]time.Time{}
	for _, m := range fake.Messages() {
		out[m.ChatID] = append(out[m.ChatID], m.At)
	}
	return out
}

// waitReady waits until compass polls (its first getUpdates).
func waitReady(fake *telegramtest.Server) {
	deadline := time.Now().Add(2 * time.Minute)
	for fake.Count("getUpdates") == 0 {
		if time.Now().After(deadline) {
			fail("compass did not start polling within 2 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// runSteady: each person asks, waits for the answer, asks again; new
// messages start at most rate a second over everyone.
func runSteady(fake *telegramtest.Server, people, perPerson int, rate float64, maxTime time.Duration) {
	waitReady(fake)
	start := time.Now()
	deadline := start.Add(maxTime)
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	var mu sync.Mutex
	var latencies []time.Duration
	unanswered := 0
	var wg sync.WaitGroup
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := int64(5_000_000 + p)
			for i := range perPerson {
				<-tick.C
				if time.Now().After(deadline) {
					mu.Lock()
					unanswered += perPerson - i
					mu.Unlock()
					return
				}
				q := questions[(p+i)%len(questions)]
				before := len(repliesTo(fake)[chat])
				sent := time.Now()
				fake.AddUpdate(telegramtest.TextUpdate(chat, chat, q.lang, q.text))
				var got time.Time
				for time.Now().Before(deadline) {
					if r := repliesTo(fake)[chat]; len(r) > before {
						got = r[before]
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
				mu.Lock()
				if got.IsZero() {
					unanswered++
				} else {
					latencies = append(latencies, got.Sub(sent))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(latencies)
	fmt.Printf("compass load test: %d people x %d messages, offered at most %.0f/s, bounded to %v\n", people, perPerson, rate, maxTime)
	fmt.Printf("answered %d of %d in %v: %.1f answers/s; %d unanswered\n",
		len(latencies), people*perPerson, elapsed.Round(time.Millisecond), float64(len(latencies))/elapsed.Seconds(), unanswered)
	if len(latencies) > 0 {
		fmt.Printf("latency (update at the Bot API to the first reply there): p50 %v, p99 %v, max %v\n",
			pct(latencies, 50), pct(latencies, 99), latencies[len(latencies)-1].Round(time.Millisecond))
	}
}

// runBurst: n people write at once; one more, after the first at of
// them, writes about an emergency. It reports when the emergency reply and the last
// ordinary reply arrived.
func runBurst(fake *telegramtest.Server, n, at int, maxTime time.Duration) {
	waitReady(fake)
	const danger = int64(9_999_999)
	start := time.Now()
	for p := range n {
		if p == at {
			fake.AddUpdate(telegramtest.TextUpdate(danger, danger, "en", "my husband hits me, I am afraid he will kill me"))
		}
		chat := int64(6_000_000 + p)
		fake.AddUpdate(telegramtest.TextUpdate(chat, chat, "de", "Wo bekomme ich einen Meldezettel?"))
	}
	deadline := start.Add(maxTime)
	var emergency, middle, last time.Duration
	for time.Now().Before(deadline) {
		r := repliesTo(fake)
		if e := r[danger]; len(e) > 0 && emergency == 0 {
			emergency = e[0].Sub(start)
		}
		if m := r[int64(6_000_000+min(at, n-1))]; len(m) > 0 && middle == 0 {
			middle = m[0].Sub(start)
		}
		answered := 0
		for chat, ts := range r {
			if chat != danger && len(ts) > 0 {
				answered++
				last = max(last, ts[0].Sub(start))
			}
		}
		if answered == n && emergency > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Printf("compass burst: %d people write at once; person %d of them writes about an emergency\n", n+1, at+1)
	fmt.Printf("emergency reply after %v; the ordinary person written just after it: %v; last ordinary reply: %v\n",
		emergency.Round(time.Millisecond), middle.Round(time.Millisecond), last.Round(time.Millisecond))
}

// mostInAnySecond is the most replies that arrived at the fake within
// any span shorter than a second.
func mostInAnySecond(fake *telegramtest.Server) int {
	var ts []time.Time
	for _, m := range fake.Messages() {
		ts = append(ts, m.At)
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	best := 0
	j := 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= time.Second {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

// compassErrors sums, from compass's own /metrics, the updates the engine
// failed on and the sends that did not succeed (429, 403, 5xx, 400).
func compassErrors(listen string) string {
	resp, err := http.Get("http://" + listen + "/metrics")
	if err != nil {
		return "metrics unreadable: " + err.Error()
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var handler, sends float64
	for _, line := range strings.Split(string(raw), "\n") {
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v, _ := strconv.ParseFloat(value, 64)
		switch {
		case strings.HasPrefix(name, "compass_updates_total{") && strings.Contains(name, `result="handler_error"`):
			handler += v
		case strings.HasPrefix(name, "compass_sends_total{") && !strings.Contains(name, `class="ok"`):
			sends += v
		}
	}
	return fmt.Sprintf("%.0f engine errors, %.0f failed sends", handler, sends)
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)].Round(time.Millisecond)
}

func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("%v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loadtest: "+format+"\n", args...)
	os.Exit(1)
}
