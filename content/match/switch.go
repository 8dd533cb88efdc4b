package match

// languageNames maps normalised names of languages, in the language itself,
// in English and in German, to their tags. A message that is nothing but
// such a name (optionally with "in", "please", ...) is an explicit switch.
var languageNames = map[string]string{
	"english": "en", "englisch": "en", "inglizi": "en", "انجليزي": "en", "انگليسي": "en",
	"deutsch": "de", "german": "de", "almanca": "de", "الماني": "de", "الالمانيه": "de", "немецкий": "de", "німецька": "de",
	"العربيه": "ar", "عربي": "ar", "arabic": "ar", "arabisch": "ar", "arapca": "ar",
	"فارسي": "fa", "farsi": "fa", "persian": "fa", "persisch": "fa",
	"دري": "prs", "dari": "prs",
	"پښتو": "ps", "pashto": "ps", "paschtu": "ps", "pashtu": "ps",
	"українська": "uk", "українською": "uk", "ukrainian": "uk", "ukrainisch": "uk", "украинский": "uk",
	"русский": "ru", "русском": "ru", "російська": "ru", "russian": "ru", "russisch": "ru",
	"turkce": "tr", "türkçe": "tr", "turkish": "tr", "turkisch": "tr", "türkisch": "tr",
	"soomaali": "so", "somali": "so", "somalisch": "so", "af soomaali": "so",
	"kurdi": "ku", "kurdî": "ku", "kurdish": "ku", "kurdisch": "ku",
	"ትግርኛ": "ti", "tigrinya": "ti", "አማርኛ": "am", "amharic": "am",
	"français": "fr", "francais": "fr", "french": "fr", "französisch": "fr",
	"español": "es", "espanol": "es", "spanish": "es", "spanisch": "es",
	"اردو": "ur", "urdu": "ur",
}

// switchFillers may surround a language name in an explicit switch.
var switchFillers = map[string]bool{
	"in": true, "please": true, "pls": true, "auf": true, "bitte": true, "на": true, "по": true,
	"language": true, "sprache": true, "switch": true, "to": true, "lang": true, "af": true,
	"بال": true, "لطفا": true, "به": true, "زبان": true, "لغه": true, "باللغه": true,
	"мова": true, "язык": true, "dil": true, "dili": true, "luqadda": true,
}

// explicitSwitch returns the language a message switches to, or "".
func explicitSwitch(tokens []string) string {
	if len(tokens) == 0 || len(tokens) > 3 {
		return ""
	}
	found := ""
	for _, t := range tokens {
		if tag, ok := languageNames[t]; ok && found == "" {
			found = tag
			continue
		}
		if !switchFillers[t] {
			return ""
		}
	}
	return found
}
