package relay

import (
	"testing"
	"time"
)

func TestFloodNotices_OnePerEpisodeAtMostOnePerQuietPeriod(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)
	steps := []struct {
		chat int64
		at   time.Duration // after t0
		want bool
	}{
		{1, 0, true},                                 // first shed update: a new episode
		{1, time.Second, false},                      // same burst
		{2, time.Second, true},                       // another chat is independent
		{1, 30 * time.Second, false},                 // second burst within the quiet period
		{1, 89 * time.Second, false},                 // 59 s after the last shed: the episode goes on
		{1, 89*time.Second + FloodQuiet, true},       // quiet for a full period: a new episode
		{1, 89*time.Second + FloodQuiet + 1, false},  // and that one's burst
		{2, 89*time.Second + FloodQuiet - 1, true},   // chat 2 was quiet since 1 s
		{3, 89*time.Second + 2*FloodQuiet, true},     // never seen
		{2, 89*time.Second + FloodQuiet + 10, false}, // chat 2's new episode goes on
	}
	f := NewFloodNotices[int64](FloodQuiet)
	for i, s := range steps {
		if got := f.Due(s.chat, t0.Add(s.at)); got != s.want {
			t.Errorf("step %d: chat %d at +%v: due = %v, want %v", i, s.chat, s.at, got, s.want)
		}
	}
}

func TestFloodNotices_ForgetsQuietChats(t *testing.T) {
	f := NewFloodNotices[int64](FloodQuiet)
	t0 := time.Now()
	for id := int64(1); id <= 255; id++ {
		f.Due(id, t0)
	}
	f.Due(1000, t0.Add(FloodQuiet)) // the 256th call sweeps
	if n := f.Len(); n != 1 {
		t.Errorf("%d chats remembered after a quiet period, want only the one that just flooded", n)
	}
}
