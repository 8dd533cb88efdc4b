package match

// emergencyPhrasesSigns widens the lists with the indirect ways people
// say they are in danger, found by blind rounds of fresh messages
// (docs/understanding.md): farewells and "no reason to live", being
// locked in with the passport taken, gas, drowning, pregnancy bleeding,
// fever with a stiff neck, chest pain, allergic swelling, people hurt in
// an accident, someone collapsed or not waking; and Italian and Polish.
var emergencyPhrasesSigns = map[string][]string{
	EmergencySuicide: {
		// en
		"disappear forever", "disappear from this world", "wont be here tomorrow", "won't be here tomorrow",
		"goodbye letter*", "farewell letter*", "rope ready", "bought a rope", "better without me", "tonight is my last", "my last night alive", "last night of my life",
		"nothing to live for", "reason to live", "goodbye forever", "end my life", "better off dead",
		// de
		"für immer verschwinden", "heute nacht mache schluss", "schluss mit meinem leben", "mein leben beenden",
		"kein grund zu leben", "keinen sinn mehr zu leben", "heute nacht ist meine letzte",
		"nur noch sterben", "will sterben",
		// ar
		"آخر ليلة لي", "اخر ليلة بحياتي", "سبب للعيش", "سبب للحياة", "اختفي للابد", "اختفي الى الابد", "انهي حياتي",
		// fa, prs
		"دلیلی برای زندگی", "دلیلی برای زنده موندن", "امشب آخرین شب", "آخرین شبمه", "برای همیشه ناپدید", "نمیتونم ادامه بدم",
		"نمیتوانم ادامه بدهم", "nemitunam edame bedam", "nemitoonam edame bedam", "nemitonam edame bedam",
		// ru, uk
		"исчезнуть навсегда", "нет смысла жить", "незачем жить", "моя последняя ночь", "зникнути назавжди",
		"хочу зникнути", "немає сенсу жити", "нема сенсу жити", "моя остання ніч",
		// tr
		"yaşamak için sebep", "yaşamak için bir sebep", "yaşama sebebim", "sonsuza kadar kaybol*", "son gecem",
		// fr, es, it
		"disparaître pour toujours", "raison de vivre", "dernière nuit de ma vie", "ce soir c'est ma dernière",
		"desaparecer para siempre", "desaparecer del mundo", "ya no aguanto más", "ya no puedo más", "razón para vivir", "motivo para vivir", "mi última noche",
		"voglio morire", "farla finita", "non ho motivo di vivere", "uccidermi",
		// ur
		"jeene ki koi wajah", "jeene ki wajah", "jeena nahi chahta", "jeena nahi chahti", "marna chahta", "marna chahti",
		"جینے کی کوئی وجہ", "جینا نہیں چاہتا", "جینا نہیں چاہتی", "مرنا چاہتا", "مرنا چاہتی",
		// ro, hu, bs, pl
		"vreau sa dispar", "dispar pentru totdeauna", "motiv sa traiesc", "eltűnni örökre", "nincs miért élnem",
		"nestati zauvijek", "nemam razloga za život", "chcę umrzeć", "dość życia", "skończę ze sobą", "odebrać sobie życie", "dziś to zakończę",
		// so, am, ti
		"nolol ma rabo", "nolosha ma rabo", "ma rabo inaan noolaado", "መኖር አልፈልግም", "መሞት እፈልጋለሁ", "ራሴን አጠፋለሁ", "ክሞት ደልየ",
		// fa, prs: all the pills
		"همه قرص*", "قرصهامو خوردم", "قرصامو خوردم", "zabiję się", "zabić się", "nie chcę żyć",
	},
	EmergencyViolence: {
		// it, pl
		"mi picchia", "mi ha picchiat*", "mi vuole uccidere", "mi uccide", "violentat*", "stuprat*",
		"mi minaccia", "minacciat*", "coltello",
		"bije mnie", "mnie bije", "zabije mnie", "mnie zabije", "grozi mi", "zgwałcił*", "pobił*",
		// en, de: past violence and a threat now
		"raped me", "was raped", "been raped", "vergewaltigt*",
	},
	EmergencyMedical: {
		// pregnancy bleeding
		"pregnant and bleeding", "ينزل مني دم", "ينزل دم", "نزيف", "خونریزی", "кровотеч*", "kanamam var", "saignements",
		"sangrado", "sanguina", "krwawi*",
		// fever with a stiff neck, seizures
		"stiff neck", "neck is stiff", "steifer nacken", "nacken steif", "krampfanfall", "گردنش خشک", "گردن خشک", "تشنج",
		"رقبته متيبسة", "начались судороги", "у него судороги", "у нее судороги", "у ребенка судороги", "у дитини судоми", "почалися судоми", "ense sertliği", "havale geçir*", "nöbet geçir*", "nuque raide",
		"rigidez de nuca", "cuello rígido", "convulsion*", "drgawki",
		// chest pain, stroke signs
		"болит грудь", "боль в груди", "давит в груди", "немеет рука", "онемел*", "біль у грудях", "болить у грудях",
		"ألم في الصدر", "وجع بصدري", "صدري يوجعني", "درد قفسه سینه", "سینه ام درد", "göğsüm ağrıyor", "göğüs ağrısı",
		"kalp krizi", "douleur thoracique", "mal à la poitrine", "douleur à la poitrine", "crise cardiaque",
		"dolor en el pecho", "dolor de pecho", "infarto", "dolore al petto", "ból w klatce", "zawał*", "durere in piept",
		"mellkasi fájdalom", "fáj a mellkasom", "bol u prsima", "brustschmerz*", "schmerzen in der brust",
		"druck auf der brust", "seene mein dard", "dil mein dard",
		// allergic swelling
		"face is swelling", "face swelling", "swollen face", "lips swelling", "tongue swelling", "allergic reaction",
		"gesicht schwillt", "zunge schwillt", "hals schwillt", "allergische reaktion", "allergischer schock",
		"visage qui gonfle", "visage gonfle", "gorge qui gonfle", "gorge gonfle", "réaction allergique", "choc anaphylactique",
		"وجهه منفوخ", "حساسية شديدة", "صورتش ورم", "گلوش ورم", "отек горла", "отёк горла", "отек лица", "отек квинке", "опухло лицо", "опухло горло",
		"набряк горла", "набрякло обличчя", "yüzü şişti", "boğazı şişti", "dili şişti", "alerjik reaksiyon", "cara hinchada", "garganta hinchada",
		"reacción alérgica", "se le hincha",
		// collapsed, not waking, not breathing
		"összeesett", "nem ébred", "srušio se", "srušila se", "kolabira*", "ne budi se", "s-a prabusit", "nu se trezeste",
		"non respira", "svenut*", "non si sveglia", "nie oddycha", "stracił przytomność", "straciła przytomność",
		"nieprzytomn*", "nie budzi się", "نه راویښیږي", "نه ویښیږي", "راویښ نه", "не прокидається", "не просыпается",
		"ne prokydayetsya", "isnt responding", "isn't responding", "is not responding", "yığıldı", "bayıldı",
		"tepki vermiyor", "pao ne reaguje", "pala ne reaguje", "pao ne reagira", "pala ne reagira", "gariiraya*", "ne prokidaetsya", "ne prosypaetsya", "collapsed", "zusammengebrochen",
		// people hurt in an accident
		"people are injured", "people injured", "someone is injured", "badly injured",
		"es gibt verletzte", "mehrere verletzte", "schwer verletzt", "autounfall", "مصابين", "جرحى", "زخمی داریم", "есть пострадавшие", "є поранені",
		"ناس مصاب*", "yaralı var", "yaralılar", "des blessés", "blessé grave", "hay heridos", "herido grave", "heridos",
		"ci sono feriti", "są ranni",
	},
	EmergencyLife: {
		// locked in, passport taken, forced to work
		"took my passport", "taken my passport", "keeps my passport", "locks me in", "locked me in", "lock me in",
		"me encerró", "me encierra", "no me deja salir", "me quitó el pasaporte", "m'enferme", "m'a enfermé*",
		"pris mon passeport", "lässt uns nicht raus", "lässt mich nicht raus", "lässt uns nicht gehen",
		"پاسپورتم رو گرفته", "پاسپورتمو گرفته", "نمیذاره برم بیرون", "نمیزاره برم بیرون", "mi ha chiuso", "non mi lascia uscire", "zamknął mnie", "zabrał mi paszport",
		// a child in danger
		"balcony railing", "window ledge", "on the windowsill", "hanging from the balcony", "auf dem balkongeländer",
		"auf der fensterbank",
		// drowning
		"badda ku maqan", "qarqay", "qarqm*", "utapa se", "se utapa", "utopio", "utopila", "davi se u",
		"annega*", "topi się", "tonie", "se noie", "noyade", "se está ahogando",
		// gas
		"smell of gas", "gas smell", "riecht stark nach gas", "gas riecht", "ريحة غاز", "رائحة غاز", "تسرب غاز",
		"بوی گاز", "نشت گاز", "запах газа", "пахнет газом", "утечка газа", "запах газу", "пахне газом", "витік газу",
		"gaz kokusu", "gaz kokuyor", "gaz kaçağı", "odeur de gaz", "sent le gaz", "fuite de gaz", "huele a gas",
		"miroase a gaz", "miros de gaz", "scurgere de gaz", "gázszag", "gázszivárgás", "miris plina", "curi plin",
		"odore di gas", "fuga di gas", "zapach gazu", "czuć gaz", "ulatnia się gaz",
	},
}
