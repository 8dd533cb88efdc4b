package match

import "testing"

func routeText(text string) string {
	return defaultRouter().route(foldAll(Tokenize(Normalize(text))))
}

func TestEmergencyPositives(t *testing.T) {
	tests := []struct{ text, kind string }{
		// en
		{"he is not breathing", EmergencyMedical},
		{"Help, my baby isn't breathing!!", EmergencyMedical},
		{"I want to kill myself", EmergencySuicide},
		{"i dont want to live anymore", EmergencySuicide},
		{"my husband is beating me", EmergencyViolence},
		{"my husband is hitting me right now", EmergencyViolence},
		{"my friend is unconcious", EmergencyMedical}, // typo
		{"our house is on fire", EmergencyLife},
		// de
		{"Mein Mann schlägt mich", EmergencyViolence},
		{"Mein mann schlagt mich", EmergencyViolence}, // without umlaut
		{"Ich will mich umbringen", EmergencySuicide},
		{"Mein Vater ist bewusstlos", EmergencyMedical},
		{"Ich will nicht mehr leben", EmergencySuicide},
		// ar
		{"زوجي يضربني", EmergencyViolence},
		{"أريد أن أنتحر", EmergencySuicide},
		{"ابني لا يتنفس", EmergencyMedical},
		// fa
		{"می‌خواهم خودکشی کنم", EmergencySuicide},
		{"شوهرم منو میزنه", EmergencyViolence},
		{"بچه‌ام نفس نمی‌کشد", EmergencyMedical},
		// ps
		{"غواړم ځان ووژنم", EmergencySuicide},
		// uk
		{"Чоловік мене б'є", EmergencyViolence},
		{"Дитина не дихає", EmergencyMedical},
		{"Я не хочу жити", EmergencySuicide},
		// ru
		{"Муж бьёт меня", EmergencyViolence},
		{"Не хочу больше жить", EmergencySuicide},
		{"человек без сознания", EmergencyMedical},
		// tr
		{"Kocam beni dövüyor", EmergencyViolence},
		{"kocam beni dovuyor", EmergencyViolence}, // without Turkish letters
		{"Babam nefes almıyor", EmergencyMedical},
		{"intihar etmek istiyorum", EmergencySuicide},
		// so
		{"Ninkaygu wuu i garaacayaa", EmergencyViolence},
		{"Ilmahaygu ma neefsanayo", EmergencyMedical},
		// fr, es
		{"mon mari me frappe", EmergencyViolence},
		{"mi hijo no respira", EmergencyMedical},
		// ku
		{"mêrê min li min dixe", EmergencyViolence},
	}
	for _, tt := range tests {
		if got := routeText(tt.text); got != tt.kind {
			t.Errorf("route(%q) = %q, want %q", tt.text, got, tt.kind)
		}
	}
}

func TestEmergencyNegatives(t *testing.T) {
	for _, text := range []string{
		"what is the emergency number?",
		"my child has a fever",
		"How do I call an ambulance?",
		"Wie ist die Notrufnummer?",
		"Mein Kind hat Fieber",
		"ما هو رقم الطوارئ؟",
		"بچه‌ام تب دارد",
		"Какой номер скорой помощи?",
		"У дитини температура",
		"Oturma iznimin süresi doluyor, nasıl uzatırım?",
		"where can I get help against domestic violence?",
		"my landlord kicked me out",
		"my tooth is hurting me",
		"is my residence permit in danger if I move?",
		"fire brigade number?",
		"I need a psychologist, I feel sad",
	} {
		if got := routeText(text); got != "" {
			t.Errorf("route(%q) = %q, want no emergency", text, got)
		}
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"unconscious", "unconscious", true},
		{"unconscious", "unconcious", true},   // deletion
		{"unconscious", "unconsciouss", true}, // insertion
		{"unconscious", "unconsciuos", true},  // swap
		{"unconscious", "unkonscious", true},  // substitution
		{"unconscious", "unkonsciuos", false},
		{"abc", "abcde", false},
	}
	for _, tt := range tests {
		if got := withinOneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
