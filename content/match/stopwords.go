package match

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// Function words ("the", "and", "у", "که") say nothing about what a message
// asks. In a message they are not content: when the pack never uses one,
// it must not count as an unknown word that dilutes the message's match
// (see index.search). Snowball's lists serve the languages it has; small
// lists of the commonest function words serve the others.
var stopLists = map[string]func(string) bool{
	"en": english.IsStopWord,
	"fr": either(french.IsStopWord, setOf("les est-ce quel quelle quels quelles comment où quand faut peut dois")),
	"hu": hungarian.IsStopWord,
	"ru": russian.IsStopWord,
	"es": spanish.IsStopWord,
	"de": setOf("der die das den dem des ein eine einen einem einer und oder aber ich du er sie es wir ihr mir mich mein meine meinen dir uns euch ist bin sind war hat habe haben kann muss soll will wird werden nicht kein keine mit von zu zum zur bei nach aus auf für in im an am um so auch noch schon sehr dann wenn weil dass ob wie was wo hier da jetzt bitte hallo danke"),
	"uk": setOf("і й та а але або в у на з із зі до від по за для про що як де коли чи не ні це цей ця ці той я ти він вона воно ми ви вони мені мене мій моя моє мої нам нас наш наша вам вас його її їх є був була були буде вже ще дуже тут там тому бо якщо щоб так же ж лише також привіт дякую будь ласка куди звідки чому хто скільки який яка яке які можна треба потрібно"),
	"ar": setOf("في من الى على عن مع هذا هذه ذلك تلك هو هي انا انت نحن هم كان كانت يكون ان او و ثم لكن لا ما لم لن قد كل بعض هنا هناك الذي التي عند حتى اذا لو مرحبا شكرا السلام عليكم يا بس شو اين وين كيف متى ماذا لماذا ليش هل كم مين اي ايش اللي لازم بدي ممكن عندي عنده معي"),
	"fa": setOf("و در به از که را با این آن اين ان برای براي تا هم یا يا اما من تو او ما شما آنها انها است هست بود شد می مي نه هیچ هيچ همه خیلی خيلي اینجا اينجا آنجا انجا سلام ممنون لطفا کجا چطور چطوری چگونه کی چه چی چرا آیا ایا کدام چند باید میخواهم میخوام"),
	"tr": setOf("ve veya ile bir bu şu o ben sen biz siz onlar için de da mi mı mu mü ne ama çok daha en gibi kadar sonra önce şimdi burada orada merhaba teşekkürler lütfen nasıl nerede nereye neden niye hangi kim kaç mı mu benim bana beni"),
	"so": setOf("iyo ama oo ka ku la u waa ma maxaa sidee xaggee halkee goorma yaa kee kuwee aan waxaan waxa ayaa ayuu ayay baa buu bay in inaan inuu iyada isaga anigu adigu annaga ay uu haddii laakiin"),
	"ps": setOf("او په د ته کې له نه دی ده دې دا هغه زه ته مونږ موږ تاسو دوی یې چې څنګه چیرته چېرته کله ولې څه څوک کوم هم خو یا سره لپاره باندې"),
	"sl": setOf("in ali pa da je so sem si smo ste biti bo bom bi ne ni na v za z s iz od do po pri o k h ki kaj kje kako kdaj zakaj kdo koliko ta to te ti jaz ti on ona mi vi oni moj moja moje me mi se si tudi še že lahko moram"),
	"hr": setOf("i ili a ali da je su sam si smo ste biti bit će bi ne nije na u za s sa iz od do po pri o k ka koji koja što šta gdje kako kada zašto tko ko koliko ovaj ova ovo taj ta to ja ti on ona mi vi oni moj moja moje me mi se si također još već mogu moram li"),
}

// stopList returns the function-word test of a language, or nil.
func stopList(lang string) func(string) bool {
	return stopLists[lang]
}

// either reports whether one of the tests holds.
func either(a, b func(string) bool) func(string) bool {
	return func(w string) bool { return a(w) || b(w) }
}

// setOf makes a membership test from space-separated, normalised words.
func setOf(s string) func(string) bool {
	set := map[string]bool{}
	for _, w := range Tokenize(Normalize(s)) {
		set[w] = true
	}
	return func(w string) bool { return set[w] }
}

// anyStopWord reports whether w is a function word of any language with a
// list (for a message whose language is unsure).
func anyStopWord(w string) bool {
	for _, stop := range stopLists {
		if stop(w) {
			return true
		}
	}
	return false
}
