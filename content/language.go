package content

import "strings"

// Direction is the writing direction of a language.
type Direction string

const (
	LeftToRight Direction = "ltr"
	RightToLeft Direction = "rtl"
)

// Language describes a content language.
type Language struct {
	Tag       string    // BCP 47 tag, e.g. "fa" or "sr-Latn"
	Name      string    // name in the language itself, e.g. "فارسی"
	English   string    // name in English, e.g. "Persian"
	Dir       Direction // writing direction
	Fallbacks []string  // languages a reader of this one also reads, best first
}

// RTL reports whether the language is written right to left.
func (l Language) RTL() bool { return l.Dir == RightToLeft }

// knownLanguages lists the languages compass knows how to name and order.
// A pack may use other valid BCP 47 tags; they get their tag as name.
var knownLanguages = []Language{
	{Tag: "en", Name: "English", English: "English", Dir: LeftToRight},
	{Tag: "de", Name: "Deutsch", English: "German", Dir: LeftToRight},
	{Tag: "ar", Name: "العربية", English: "Arabic", Dir: RightToLeft},
	{Tag: "fa", Name: "فارسی", English: "Persian", Dir: RightToLeft},
	{Tag: "prs", Name: "دری", English: "Dari", Dir: RightToLeft, Fallbacks: []string{"fa"}},
	{Tag: "ps", Name: "پښتو", English: "Pashto", Dir: RightToLeft, Fallbacks: []string{"fa", "prs"}},
	{Tag: "ur", Name: "اردو", English: "Urdu", Dir: RightToLeft},
	{Tag: "ku", Name: "Kurdî", English: "Kurdish (Kurmanji)", Dir: LeftToRight, Fallbacks: []string{"tr"}},
	{Tag: "ckb", Name: "کوردی", English: "Kurdish (Sorani)", Dir: RightToLeft, Fallbacks: []string{"ar"}},
	{Tag: "uk", Name: "Українська", English: "Ukrainian", Dir: LeftToRight, Fallbacks: []string{"ru"}},
	{Tag: "ru", Name: "Русский", English: "Russian", Dir: LeftToRight, Fallbacks: []string{"uk"}},
	{Tag: "tr", Name: "Türkçe", English: "Turkish", Dir: LeftToRight},
	{Tag: "so", Name: "Soomaali", English: "Somali", Dir: LeftToRight},
	{Tag: "ti", Name: "ትግርኛ", English: "Tigrinya", Dir: LeftToRight, Fallbacks: []string{"am"}},
	{Tag: "am", Name: "አማርኛ", English: "Amharic", Dir: LeftToRight, Fallbacks: []string{"ti"}},
	{Tag: "fr", Name: "Français", English: "French", Dir: LeftToRight},
	{Tag: "es", Name: "Español", English: "Spanish", Dir: LeftToRight},
	{Tag: "it", Name: "Italiano", English: "Italian", Dir: LeftToRight},
	{Tag: "pl", Name: "Polski", English: "Polish", Dir: LeftToRight},
	{Tag: "ro", Name: "Română", English: "Romanian", Dir: LeftToRight},
	{Tag: "hu", Name: "Magyar", English: "Hungarian", Dir: LeftToRight},
	{Tag: "cs", Name: "Čeština", English: "Czech", Dir: LeftToRight, Fallbacks: []string{"sk"}},
	{Tag: "sk", Name: "Slovenčina", English: "Slovak", Dir: LeftToRight, Fallbacks: []string{"cs"}},
	{Tag: "sl", Name: "Slovenščina", English: "Slovenian", Dir: LeftToRight},
	{Tag: "hr", Name: "Hrvatski", English: "Croatian", Dir: LeftToRight, Fallbacks: []string{"bs", "sr-Latn"}},
	{Tag: "bs", Name: "Bosanski", English: "Bosnian", Dir: LeftToRight, Fallbacks: []string{"hr", "sr-Latn"}},
	{Tag: "sr", Name: "Српски", English: "Serbian", Dir: LeftToRight, Fallbacks: []string{"sr-Latn", "hr", "bs"}},
	{Tag: "sr-Latn", Name: "Srpski", English: "Serbian (Latin)", Dir: LeftToRight, Fallbacks: []string{"hr", "bs", "sr"}},
	{Tag: "bg", Name: "Български", English: "Bulgarian", Dir: LeftToRight},
	{Tag: "sq", Name: "Shqip", English: "Albanian", Dir: LeftToRight},
	{Tag: "zh", Name: "中文", English: "Chinese", Dir: LeftToRight},
	{Tag: "hi", Name: "हिन्दी", English: "Hindi", Dir: LeftToRight},
	{Tag: "bn", Name: "বাংলা", English: "Bengali", Dir: LeftToRight},
	{Tag: "he", Name: "עברית", English: "Hebrew", Dir: RightToLeft},
}

var languagesByTag = func() map[string]Language {
	m := make(map[string]Language, len(knownLanguages))
	for _, l := range knownLanguages {
		m[strings.ToLower(l.Tag)] = l
	}
	return m
}()

// LanguageOf returns what compass knows about a tag. Unknown tags get the
// tag itself as name, left-to-right, unless their script is known to be
// right to left (Arab, Hebr, Thaa, Syrc, Nkoo, Adlm, Rohg).
func LanguageOf(tag string) Language {
	if l, ok := languagesByTag[strings.ToLower(tag)]; ok {
		return l
	}
	l := Language{Tag: tag, Name: tag, English: tag, Dir: LeftToRight}
	base, rest, _ := strings.Cut(tag, "-")
	if known, ok := languagesByTag[strings.ToLower(base)]; ok {
		l.Name, l.English, l.Dir = known.Name, known.English, known.Dir
		l.Fallbacks = append([]string{known.Tag}, known.Fallbacks...)
	}
	for _, sub := range strings.Split(rest, "-") {
		switch strings.ToLower(sub) {
		case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg":
			l.Dir = RightToLeft
		case "latn", "cyrl":
			l.Dir = LeftToRight
		}
	}
	return l
}

// FallbackChain returns the languages to try, best first, when showing
// content to a reader of lang: lang itself, its base language, the
// languages its readers also read, then the given defaults. Duplicates and
// empty tags are dropped.
func FallbackChain(lang string, defaults ...string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	add(lang)
	if base, _, ok := strings.Cut(lang, "-"); ok {
		add(base)
	}
	for _, f := range LanguageOf(lang).Fallbacks {
		add(f)
	}
	for _, d := range defaults {
		add(d)
	}
	return out
}

// KnownLanguageTags lists the tags of the languages compass knows how to
// name, in its order.
func KnownLanguageTags() []string {
	out := make([]string, len(knownLanguages))
	for i, l := range knownLanguages {
		out[i] = l.Tag
	}
	return out
}
