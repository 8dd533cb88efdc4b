package match

import "testing"

// skeletonOf returns the skeleton of a word as the index computes it for
// text in lang ("" for Latin text).
func skeletonOf(word, lang string) string {
	w := Fold(Normalize(word))
	return string(skeletonize(nil, latinize(nil, w, lang)))
}

func TestTransliterationMeets(t *testing.T) {
	tests := []struct {
		name, latin, native, lang string
	}{
		{"Russian gde", "gde", "где", "ru"},
		{"Russian sdelat", "sdelat", "сделать", "ru"},
		{"Russian vracha", "vracha", "врача", "ru"},
		{"Russian shch", "shchenok", "щенок", "ru"},
		{"Ukrainian yak", "yak", "як", "uk"},
		{"Ukrainian otrymaty", "otrymaty", "отримати", "uk"},
		{"Ukrainian h for г", "dopomoha", "допомога", "uk"},
		{"Ukrainian kh", "strakhovku", "страховку", "uk"},
		{"Arabizi kif", "kif", "كيف", "ar"},
		{"Arabizi 7 for ha", "7aki", "حكي", "ar"},
		{"Arabizi tabib", "tabib", "طبيب", "ar"},
		{"Arabizi drops the article", "madrase", "المدرسة", "ar"},
		{"Finglish koja", "koja", "کجا", "fa"},
		{"Finglish gh for qaf", "vaght", "وقت", "fa"},
		{"Finglish bime", "bime", "بیمه", "fa"},
		{"Finglish ch", "chetori", "چطوری", "fa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, n := skeletonOf(tt.latin, ""), skeletonOf(tt.native, tt.lang)
			if l == "" || l != n {
				t.Errorf("skeleton(%q) = %q, skeleton(%q, %s) = %q; want equal and not empty", tt.latin, l, tt.native, tt.lang, n)
			}
		})
	}
}

func TestSkeletonOfNumberIsEmpty(t *testing.T) {
	if s := skeletonOf("1450", ""); s != "" {
		t.Errorf("skeleton(1450) = %q, want empty", s)
	}
}
