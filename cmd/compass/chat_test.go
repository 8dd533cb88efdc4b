package main

import (
	"strings"
	"testing"
)

func TestChat_PipedStdin(t *testing.T) {
	in := strings.Join([]string{
		"/language",
		"3", // العربية
		"/region",
		"2", // Graz
		"/topics",
		"1", // the first topic
		"/location 47.0707 15.4395",
		"/location nowhere",
		"99", // no such button: sent as text
		"/forget",
	}, "\n") + "\n"
	r := runCLI(t, in, nil, "chat")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"[1] Topics", // the welcome with numbered buttons
		"من الآن سأجيب باللغة العربية", // pressing 3 chose Arabic
		"منطقتك الآن غراتس",            // and 2 chose Graz
		"أقرب الخدمات",                 // nearest services for the location
		"usage: /location LAT LON",     // a bad location is explained
		"حذفت كل ما حفظته عنك",         // forget confirmed in Arabic
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("chat output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "> ") || strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("piped chat must not print prompts or ANSI codes:\n%s", r.stdout)
	}
}

func TestChat_FlagsAreChecked(t *testing.T) {
	if r := runCLI(t, "", nil, "chat", "--lang", "xx"); r.code != 2 || !strings.Contains(r.stderr, "xx") {
		t.Errorf("--lang xx: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI(t, "", nil, "chat", "--region", "mars"); r.code != 2 || !strings.Contains(r.stderr, "mars") {
		t.Errorf("--region mars: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runCLI(t, "/help\n", nil, "chat", "--lang", "uk", "--region", "at-wien")
	if r.code != 0 || !strings.Contains(r.stdout, "Відень") || !strings.Contains(r.stdout, "/forget") {
		t.Errorf("--lang uk --region at-wien: exit %d\n%s", r.code, r.stdout)
	}
}

// A terminal has no app language: the language the bot last talked in is
// the hint, so commands, a location and one-word questions after a
// conversation in Ukrainian or Arabic stay in that language, also after an
// answer was shown in German for an office.
func TestChat_KeepsTheConversationLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		notWant  []string
	}{
		{
			name:    "command after a question",
			in:      "Моїй доньці 8 років, як записати її до школи?\n1\n/region\ne-card\n",
			want:    []string{"Де ви живете?", "Медичне страхування та e-card"},
			notWant: []string{"Where do you live?", "Health insurance and the e-card"},
		},
		{
			name:    "location after a question",
			in:      "أين أجد طبيبا يتكلم العربية؟\n/location 47.0707 15.4395\n",
			want:    []string{"غراتس"},
			notWant: []string{"You seem to be near"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.in, nil, "chat")
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(r.stdout, w) {
					t.Errorf("output has %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestChat_LocationOutOfRangeIsExplained(t *testing.T) {
	r := runCLI(t, "/location 999 15.4\n/location 47.07 -181\n", nil, "chat")
	if got := strings.Count(r.stdout, "usage: /location LAT LON"); got != 2 {
		t.Errorf("want 2 usage lines for coordinates off the globe, got %d:\n%s", got, r.stdout)
	}
}
