package content

import "testing"

func TestParseTimeRange(t *testing.T) {
	tests := []struct {
		in   string
		want TimeRange
		ok   bool
	}{
		{"08:00-12:00", TimeRange{480, 720}, true},
		{"8:00-12:30", TimeRange{480, 750}, true},
		{"08:00 - 12:00", TimeRange{480, 720}, true},
		{"08:00–12:00", TimeRange{480, 720}, true}, // en dash
		{"00:00-24:00", TimeRange{0, 1440}, true},
		{"12:00-08:00", TimeRange{720, 480}, true}, // parses; the rules reject it
		{"24:00-24:00", TimeRange{}, false},
		{"08:00-24:01", TimeRange{}, false},
		{"08:60-12:00", TimeRange{}, false},
		{"25:00-26:00", TimeRange{}, false},
		{"8-12", TimeRange{}, false},
		{"08:00", TimeRange{}, false},
		{"08:00-12:00-14:00", TimeRange{}, false},
		{"-8:00-12:00", TimeRange{}, false},
		{"０８:００-12:00", TimeRange{}, false}, // full-width digits
		{"", TimeRange{}, false},
	}
	for _, tt := range tests {
		got, err := parseTimeRange(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseTimeRange(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
