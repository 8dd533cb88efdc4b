package content_test

import (
	"testing"

	"github.com/compassbot/compass/content"
)

func TestParseTimeRange(t *testing.T) {
	tests := []struct {
		in   string
		want content.TimeRange
		ok   bool
	}{
		{"08:00-12:00", content.TimeRange{Open: 480, Close: 720}, true},
		{"8:00-12:30", content.TimeRange{Open: 480, Close: 750}, true},
		{"08:00 - 12:00", content.TimeRange{Open: 480, Close: 720}, true},
		{"08:00–12:00", content.TimeRange{Open: 480, Close: 720}, true}, // en dash
		{"00:00-24:00", content.TimeRange{Open: 0, Close: 1440}, true},
		{"12:00-08:00", content.TimeRange{Open: 720, Close: 480 + 1440}, true}, // overnight
		{"22:00-00:00", content.TimeRange{Open: 1320, Close: 1440}, true},
		{"08:00-08:00", content.TimeRange{}, false},
		{"24:00-24:00", content.TimeRange{}, false},
		{"08:00-24:01", content.TimeRange{}, false},
		{"08:60-12:00", content.TimeRange{}, false},
		{"25:00-26:00", content.TimeRange{}, false},
		{"8-12", content.TimeRange{}, false},
		{"08:00", content.TimeRange{}, false},
		{"08:00-12:00-14:00", content.TimeRange{}, false},
		{"-8:00-12:00", content.TimeRange{}, false},
		{"０８:００-12:00", content.TimeRange{}, false}, // full-width digits
		{"", content.TimeRange{}, false},
	}
	for _, tt := range tests {
		got, err := content.ParseTimeRange(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("content.ParseTimeRange(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestTimeRange_StringShowsNextDayTime(t *testing.T) {
	for in, want := range map[string]string{"22:00-06:00": "22:00-06:00", "22:00-00:00": "22:00-24:00", "8:00-12:00": "08:00-12:00"} {
		r, err := content.ParseTimeRange(in)
		if err != nil || r.String() != want {
			t.Errorf("%q: %v %v, want %s", in, r, err, want)
		}
	}
}
