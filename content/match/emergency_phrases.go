package match

// emergencyPhrases lists, per kind, the phrases that make a message an
// emergency, in the pack languages and the languages newcomers commonly
// write (en, de, ar, fa/prs, ps, uk, ru, tr, so, ku, ti, fr, es, ur).
// They are written as people type them and normalised when the router is
// built. A phrase must describe an emergency happening, not ask about
// emergencies: "emergency number" or "my child has a fever" are ordinary
// questions that the intents answer.
var emergencyPhrases = map[string][]string{
	EmergencySuicide: {
		// en
		"kill myself", "killing myself", "kill my self", "end my life", "ending my life", "take my own life",
		"want to die", "wanna die", "want to be dead", "dont want to live", "do not want to live",
		"don't want to be alive", "no reason to live", "better off dead", "hang myself", "suicid*",
		"kill himself", "kill herself", "end it all", "hurt myself", "harm myself", "cut myself", "not worth living", "no point in living", "take my life", "want to end it",
		// de
		"mich umbringen", "mich töten", "selbstmord*", "suizid*", "will sterben", "möchte sterben",
		"nicht mehr leben", "mein leben beenden", "mir das leben nehmen", "lebensmüde", "mich aufhängen", "mir etwas antun", "will tot sein", "mich verletzen",
		// ar
		"انتحار", "انتحر*", "اقتل نفسي", "قتل نفسي", "اريد ان اموت", "أريد أن أموت", "بدي موت", "ابغى اموت",
		"بدي انتحر", "ما بدي عيش", "ما بدي اعيش", "انهي حياتي", "أنهي حياتي", "ما بدي عيش", "لا اريد ان اعيش", "اقتل حالي", "بدي اقتل حالي", "اؤذي نفسي", "أؤذي نفسي",
		// fa, prs
		"خودکشی", "خودکشي", "خودمو بکشم", "خودم را بکشم", "خودمو میکشم", "میخواهم بمیرم", "میخوام بمیرم",
		"می خوام بمیرم", "می‌خواهم بمیرم", "دلم میخواد بمیرم", "به زندگیم پایان", "نمیخوام زنده باشم", "نمیخوام زندگی کنم", "به خودم آسیب", "خودمو از بین ببرم", "خودم را از بین ببرم", "خود را بکشم", "خودم را بکشم",
		// ps
		"ځان وژنه", "ځان ووژنم", "ځان وژنم", "غواړم مړ شم", "ځانوژنه", "نور ژوند نه غواړم", "ځان ته زیان",
		// uk
		"самогубств*", "суїцид*", "вбити себе", "убити себе", "покінчити з собою", "покінчу з собою",
		"не хочу жити", "хочу померти", "накласти на себе руки", "заподіяти собі шкоду", "нашкодити собі",
		// ru
		"самоубийств*", "суицид*", "убить себя", "покончить с собой", "покончу с собой", "не хочу жить",
		"хочу умереть", "наложить на себя руки", "повеситься", "навредить себе", "причинить себе вред", "нет смысла жить",
		// tr
		"intihar*", "kendimi öldür*", "ölmek istiyorum", "yaşamak istemiyorum", "canıma kıy*", "kendime zarar", "kendimi asmak",
		// so
		"is dil*", "isdil*", "inaan is dilo", "waan is dilayaa", "doonayaa inaan dhinto", "rabaa inaan dhinto",
		// ku
		"xwekuştin", "xwe bikujim", "dixwazim bimirim", "xwe bikujin", "dixwazim xwe bikujim",
		// ti, am
		"ክሞት እደሊ", "ርእሰ ቕትለት", "ርእሰይ ክቐትል", "ራሴን ማጥፋት", "መሞት እፈልጋለሁ",
		// fr
		"me suicider", "envie de mourir", "veux mourir", "mettre fin à mes jours", "en finir avec la vie",
		// es
		"matarme", "quiero morir", "quitarme la vida", "no quiero vivir",
		// ur
		"خود کشی", "مرنا چاہتا", "مرنا چاہتی", "اپنے آپ کو مار",
	},
	EmergencyViolence: {
		// en
		"beating me", "beats me", "beat me", "beaten me", "beating my", "beats my", "hitting me", "hits me",
		"hit me", "hitting my", "abusing me", "abuses me", "attacked me", "attacking me", "raped", "rape",
		"raping", "threatens to kill", "threatening to kill", "threatened to kill", "going to kill me",
		"gonna kill me", "wants to kill me", "will kill me", "trying to kill me", "strangled me", "choking me",
		"locked me in", "stabbed me", "sexually assaulted", "is beating", "is hitting", "was beaten", "been beaten", "got beaten", "beat up", "threatening me", "threatens me", "abused me", "being abused", "assaulted me",
		// de
		"schlägt mich", "schlägt meine", "schlägt meinen", "schlägt uns", "hat mich geschlagen", "mich geschlagen",
		"bedroht mich", "will mich umbringen", "will mich töten", "vergewaltig*", "hat mich angegriffen",
		"misshandelt mich", "würgt mich", "bringt mich um", "er schlägt", "schlägt sie", "verprügelt", "bedroht uns", "droht mich umzubringen", "droht mir",
		// ar
		"يضربني", "ضربني", "بيضربني", "عم يضربني", "يضربنا", "يهددني", "هددني", "اغتصب*", "اغتصاب",
		"يريد قتلي", "بدو يقتلني", "سيقتلني", "رح يقتلني", "يعنفني", "يؤذيني", "بضربني", "ضربوني", "عم يضرب", "يهددنا", "عم يضربني", "يضربني الان",
		// fa, prs
		"منو میزنه", "مرا میزند", "منو زد", "مرا زد", "کتکم میزنه", "کتکم میزند", "کتک میزنه", "کتک میزند",
		"کتکم زد", "تجاوز جنسی", "تجاوز کرد", "تهدید به قتل", "میخواد منو بکشه", "میخواهد مرا بکشد", "لت و کوب", "لت وکوب", "تهدیدم میکنه", "مرا تهدید میکند", "منو میزنه",
		// ps
		"ما وهي", "ما ووهلم", "وهي مې", "جنسي تیری", "ما وژني", "ګواښ کوي", "لت و کوب",
		// uk
		"б'є мене", "бьє мене", "б'ють мене", "побив мене", "побила мене", "погрожує вбити", "погрожує мені",
		"зґвалтув*", "згвалтув*", "мене б'є", "мене бьє", "мене б'ють", "мене побив", "мене б'є чоловік", "хоче мене вбити", "вб'є мене", "вбʼє мене", "б'є нас", "знущається", "погрожує", "мене побили",
		// ru
		"бьет меня", "бьёт меня", "меня бьет", "меня бьют", "меня избивает", "меня избил", "бьют меня", "избивает", "избил меня", "избила меня", "изнасил*",
		"угрожает убить", "угрожает мне", "хочет меня убить", "убьет меня", "бьет нас", "издевается", "меня избили", "меня побили",
		// tr
		"beni dövüyor", "dövüyor", "beni dövdü", "beni döver", "tecavüz*", "beni öldürecek", "öldürmekle tehdit",
		"şiddet görüyorum", "bana vuruyor", "beni tehdit ediyor", "bana şiddet", "şiddet uyguluyor", "vuruyor", "darp",
		// so
		"i garaacaya", "i garaacay", "i garaaca", "i karbaashay", "i kufsaday", "kufsi", "wuu i dili",
		"i dili doonaa", "i handadaya", "wuu i dilayaa", "i handadaa", "i garaacaa",
		// ku
		"li min dixe", "min dixe", "lêdixe", "tecawiz", "dixwaze min bikuje", "min tehdîd dike", "me dixe",
		// ti
		"ይወቕዓኒ", "ይህርመኒ",
		// fr
		"me frappe", "m'a frappé", "me bat", "violée", "violé", "menace de me tuer", "veut me tuer", "va me tuer",
		// es
		"me pega", "me golpea", "me violó", "violada", "me quiere matar", "amenaza con matarme", "me va a matar",
		// ur
		"مجھے مارتا", "مجھے مارتی", "مجھے مار رہا", "جان سے مارنے کی دھمکی",
	},
	EmergencyMedical: {
		// en
		"not breathing", "isnt breathing", "stopped breathing", "cant breath*", "cannot breath*", "can not breath*",
		"unable to breath*", "trouble breathing", "unconscious", "passed out", "not waking up", "wont wake up",
		"heart attack", "having a stroke", "had a stroke", "chest pain", "bleeding heavily", "bleeding a lot",
		"lots of blood", "severe bleeding", "wont stop bleeding", "overdos*", "poisoned", "swallowed poison",
		"swallowed pills", "drank bleach", "seizure", "convulsion*", "choking", "not responding",
		"no pulse", "anaphylactic", "lost consciousness", "collapsed", "baby is coming", "is dying", "im dying", "i am dying", "chest hurts", "pain in my chest", "pain in his chest", "pain in her chest", "turning blue", "allergic reaction", "swallowed", "not responding", "hit his head", "hit her head",
		// de
		"atmet nicht", "bekommt keine luft", "kriege keine luft", "krieg keine luft", "keine luft mehr",
		"bewusstlos", "ohnmächtig", "herzinfarkt", "schlaganfall", "brustschmerz*", "blutet stark", "viel blut",
		"vergiftet", "vergiftung", "krampfanfall", "erstickt", "wacht nicht auf", "reagiert nicht",
		"überdosis", "zusammengebrochen", "stirbt", "verschluckt", "schmerzen in der brust", "läuft blau an", "wird blau", "allergischer schock",
		// ar
		"لا يتنفس", "ما عم يتنفس", "ما يتنفس", "مش قادر اتنفس", "لا استطيع التنفس", "ما بقدر اتنفس",
		"فاقد الوعي", "فقد الوعي", "اغمي عليه", "مغمى عليه", "نوبة قلبية", "جلطة", "ينزف", "نزيف",
		"تسمم", "ابتلع", "بلع حبوب", "بلع دواء", "ما عم يرد", "لا يرد علي", "لا يستجيب", "ما عم يتنفس", "تشنج*", "اختناق", "يختنق", "جرعة زائدة", "عم يموت", "مش عم يتنفس", "ما بيتنفس", "اغمى عليه", "وجع بالصدر", "الم في الصدر", "ألم في الصدر", "صار ازرق",
		// fa, prs
		"نفس نمیکشه", "نفس نمیکشد", "نفس نمی کشه", "نفس نمی کشد", "نمیتونه نفس بکشه", "نمیتونم نفس بکشم",
		"بیهوش", "سکته", "حمله قلبی", "خونریزی", "مسموم", "تشنج", "خفه شد", "داره خفه میشه", "نفسش بند", "داره میمیره", "درد قفسه سینه", "قرص زیاد خورده", "بیهوش شده",
		// ps
		"ساه نه شي", "ساه نشي اخیستلی", "بې هوښه", "بیهوښه", "د زړه حمله", "وینه بهیږي", "زهري", "مړ کېږي", "ساه نه اخلي",
		// uk
		"не дихає", "не може дихати", "не можу дихати", "без свідомості", "знепритомн*", "серцевий напад",
		"інфаркт", "інсульт", "сильна кровотеча", "кровотеча", "отруївся", "отруїлася", "отруєння",
		"судоми", "задихається", "передозуванн*", "помирає", "біль у грудях", "проковтнув", "проковтнула", "стікає кров'ю",
		// ru
		"не дышит", "не может дышать", "не могу дышать", "без сознания", "потерял сознание", "потеряла сознание",
		"сердечный приступ", "инфаркт", "инсульт", "сильное кровотечение", "кровотечение", "отравил*",
		"судорог*", "задыхается", "передозировк*", "умирает", "боль в груди", "проглотил", "проглотила", "истекает кровью",
		// tr
		"nefes almıyor", "nefes alamıyor", "nefes alamıyorum", "bilinci kapalı", "bayıldı", "kalp krizi",
		"felç geçir*", "inme geçir*", "çok kan", "kanaması durmuyor", "kan kaybı", "zehirlen*",
		"nöbet geçir*", "boğuluyor", "havale geçir*", "kanıyor", "ölmek üzere", "can çekişiyor", "bilinci yok", "göğüs ağrısı", "yuttu", "kendinden geçti",
		// so
		"ma neefsanayo", "neefsan kari waayay", "neefsan waayay", "miyir beelay", "miyirkii", "suuxay",
		"wadna xanuun", "dhiig bax", "dhiigbax", "sun cabay", "sumoobay", "dhimanayaa", "neefta ku dhegtay", "miyir la'aan", "dhiig badan", "wadnaha istaagay",
		// ku
		"bêhiş", "nefes nagire", "krîza dil", "xwîn tê", "dimire", "bêhiş e",
		// ti, am
		"ኣይተንፍስን", "ራሱን ስቷል", "ራሷን ስታለች", "ደም እየፈሰሰ", "ትንፋስ የብሉን", "ደም ይፈስስ",
		// fr
		"ne respire plus", "ne respire pas", "inconscient*", "crise cardiaque", "saigne beaucoup", "hémorragie",
		"empoisonn*", "convulsion*", "s'est évanoui", "s'est évanouie", "arrêt cardiaque",
		// es
		"no respira", "inconsciente", "ataque al corazón", "infarto", "sangra mucho", "hemorragia",
		"envenenad*", "convulsion*", "se desmayó",
		// ur
		"سانس نہیں", "بے ہوش", "دل کا دورہ", "خون بہہ رہا",
	},
	EmergencyLife: {
		// en
		"on fire", "fire in", "house is burning", "is burning", "drowning", "trapped", "has a gun", "with a gun",
		"has a knife", "with a knife", "has a weapon", "shooting", "explosion", "gas leak", "smell gas",
		"smells of gas", "life is in danger", "i am in danger", "im in danger", "we are in danger", "going to die", "someone broke in", "kidnapped", "trying to break in", "breaking in", "intruder",
		// de
		"es brennt", "brennt", "feuer", "ertrinkt", "ertrinken", "lebensgefahr", "bin in gefahr", "sind in gefahr", "hat eine waffe",
		"hat ein messer", "mit einem messer", "mit messer", "schüsse", "explosion", "gasgeruch", "riecht nach gas",
		"eingeschlossen", "entführt",
		// ar
		"حريق", "انا في خطر", "نحن في خطر", "حياتي في خطر", "يغرق", "معه سلاح", "معه سكين", "بسكين", "انفجار", "تسرب غاز",
		"ريحة غاز", "اطلاق نار", "مخطوف",
		// fa, prs
		"آتش سوزی", "آتش گرفته", "آتیش گرفته", "من در خطر", "ما در خطر", "جانم در خطر", "غرق شد", "داره غرق میشه", "با چاقو",
		"اسلحه دارد", "اسلحه داره", "انفجار", "نشت گاز", "بوی گاز", "تیراندازی", "آدم ربایی",
		// ps
		"اور لګېدلی", "په خطر کې", "ډوبیږي", "چاقو لري", "وسله لري", "چاودنه",
		// uk
		"пожежа", "горить", "в небезпеці", "небезпека життю", "тоне", "з ножем", "має ніж", "має зброю",
		"вибух", "витік газу", "пахне газом", "стріляють", "викрали",
		// ru
		"пожар", "горит", "в опасности", "опасность для жизни", "тонет", "с ножом", "у него нож", "с оружием", "у него оружие",
		"взрыв", "утечка газа", "пахнет газом", "стреляют", "похитили",
		// tr
		"yangın var", "yanıyor", "hayatım tehlikede", "hayatımız tehlikede", "tehlikedeyim", "boğuluyor", "bıçakla", "bıçağı var", "silahı var", "patlama",
		"gaz kaçağı", "gaz kokusu", "ateş ediyor", "kaçırıldı",
		// so
		"dab baa", "dab ayaa", "khatar ku jira", "halis ku jira", "hub sita", "mindi sita", "qarax",
		// ku
		"agir", "di xeterê de", "bi kêrê", "şewat",
		// fr
		"au feu", "incendie", "suis en danger", "sommes en danger", "vie est en danger", "se noie", "avec un couteau", "a une arme", "fuite de gaz", "odeur de gaz",
		// es
		"incendio", "estoy en peligro", "estamos en peligro", "vida corre peligro", "vida está en peligro", "se ahoga", "con un cuchillo", "tiene un arma", "fuga de gas", "olor a gas",
		// ur
		"آگ لگ", "خطرے میں", "ڈوب رہا",
	},
}
