package match

// emergencyPhrasesMore widens emergencyPhrases: inflections and stems,
// the ways people in panic say the same thing (swallowed pills, someone
// following me, breaking in, trafficking under threat), and Romanian,
// Hungarian and Bosnian/Croatian/Serbian. Words may come in any order
// within a short window (emergency.go), so each phrase is listed once.
var emergencyPhrasesMore = map[string][]string{
	EmergencySuicide: {
		// en
		"kill* my self", "kill* myself", "end everything", "end it", "cant go on", "can't go on",
		"cut* my wrist*", "cut* his wrist*", "cut* her wrist*", "slit* wrist*", "suicidal",
		"dont want to be here", "don't want to be here", "nobody would miss me", "better off without me",
		"dont want to wake up", "jump off", "jump in front", "jump* from the", "throw myself", "hang* my self", "overdose on purpose",
		// de
		"mich umzubringen", "mich selbst umbringen", "bring mich um", "mich töten", "pulsadern", "ritze mich",
		"will nicht mehr aufwachen", "von der brücke springen", "vom dach springen", "mich erhängen",
		// ar
		"اريد الموت", "ما بدي ضل", "ضل عايش", "مش بدي عيش", "بدي اموت", "ابي اموت", "تعبت من الحياة", "اشنق نفسي", "اقطع شرايين*", "اموت نفسي",
		// fa, prs, ps
		"خودمو میکشم", "میخوام تموم کنم", "تمومش کنم", "همه چیو تموم کنم", "طاقت ندارم", "خودم را میکشم", "رگمو بزنم", "رگ دستم", "خودمو دار بزنم", "دیگه نمیخوام زنده", "دیگر نمیخواهم زنده",
		"ځان وژن*",
		// ru, uk
		"повешусь", "убью себя", "ubiyu sebya", "ub'yu sebya", "ubyu sebya", "ubit sebya", "pokonchit s soboy", "вскрыть вены", "вскрою вены", "порезать вены", "прыгнуть с моста", "выпрыгнуть из окна",
		"жить не хочу", "покончить с жизнью", "повішуся", "різати вени", "покінчити з життям", "вистрибнути з вікна",
		// tr, so, ku
		"kendimi asacağım", "bileklerimi kes*", "ölmek istiyorum", "isku dilid*", "xwe bikuj*", "naxwazim bijîm", "naxwazim bijim",
		// fr, es
		"je veux en finir", "veux me tuer", "vais me tuer", "je me tue", "me pendre", "me jeter", "me ouvrir les veines", "quiero matarme", "me quiero matar",
		"quitarme la vida", "suicidar*",
		// ur in Latin letters
		"khudkushi", "khud kushi",
		// ro
		"vreau sa mor", "ma sinucid", "sinucid*", "sa ma omor", "ma omor", "nu mai vreau sa traiesc",
		// hu
		"meg akarok halni", "öngyilkos*", "megölöm magam", "nem akarok élni", "végzek magammal",
		// bs, hr, sr
		"ubit ću se", "ubiti se", "hoću da umrem", "želim umrijeti", "ne želim živjeti",
	},
	EmergencyViolence: {
		// en
		"punch* me", "punched", "attacking", "attacked", "strangl*", "mujhe mara", "mujhe maara", "mujhe marta",
		"mujhe maarta", "душил*", "задушить", "задушу", "slap* me", "choke* me", "he hurts me", "he hurt me",
		"they hurt me", "she hurts me", "molest*", "touched me", "kicking me", "kicks me", "kicked me", "forced me to have sex", "sexual assault",
		"beat* me", "beat* us", "beat* my", "beat* her", "beat* him", "hit* us", "threat* me", "threat* to kill",
		"will kill me", "kill me", "kill us", "kill my family", "killing her", "killing him", "killing us", "killing my",
		"hes killing me", "he is killing me", "they are killing me", "she is killing me", "hurt my family", "hurt my kids", "hurt my children",
		// de
		"geschlagen", "schlägt", "schlagt", "schlug mich", "tritt mich", "getreten", "würgt", "gewürgt",
		"bedroht*", "droht*", "bringt mich um", "bringt uns um", "bringe dich um", "umbringen will",
		"sexuell belästigt", "angefasst", "missbraucht", "misshandelt",
		// ar
		"يضرب*", "بيضرب*", "ضربني", "ضربها", "ضربتني", "ضربوني", "يهدد*", "هدد*", "بيقتلني", "يقتلني", "يقتلنا",
		"يعتدي", "اعتدى علي", "تحرش*", "يعنف*",
		// fa, prs
		"کتک*", "میزنه", "میزند", "منو زده", "مرا زده", "تهدیدم", "تهدید میکنه", "تهدید میکند", "منو میکشه", "مرا میکشد",
		"میکشمت", "تجاوز کرد*", "آزار جنسی", "لت وکوب",
		// ps
		"وهلی یم", "وهي", "ووهلم", "وژني مې", "ګواښ",
		// ru, uk
		"избил*", "избива*", "бьет", "бьют", "побил*", "ударил*", "душит", "угрожа*", "убьет", "убьют", "убью",
		"убить меня", "изнасилова*", "домога*", "б'є", "б'ють", "побив", "побила", "побили", "вдарив", "вдарила",
		"душить", "погрожу*", "вб'ю", "вбити мене", "вб'є",
		// tr
		"dövüyor*", "dövdü*", "döverek", "beni döv*", "vurdu", "beni vur*", "öldürecek*", "öldürmek istiyor", "tehdit ed*",
		"tecavüz*", "taciz*", "beni boğ*",
		// so
		"i garaac*", "garaacay", "garaacaya", "i dilayaa", "i dili", "kufsi", "kufsaday", "la i kufsaday", "i handad*",
		// ku, ti
		"li min dixin", "min dikuje", "min bikuje",
		// fr, es
		"m'a frappée", "m a frappé", "m a frappee", "me tape", "me menace", "va me tuer", "veut me tuer", "viol",
		"me golpeó", "me pegó", "me pego", "me maltrata", "me amenaza", "me va a matar", "me quiere matar", "violación",
		// ur
		"مارتا ہے", "مارتی ہے", "مار دے گا", "دھمکی",
		// ro
		"ma bate", "m-a batut", "m a batut", "batut", "ma loveste", "m-a lovit", "ma ameninta", "vrea sa ma omoare", "ma omoara",
		"violata", "violat",
		// hu
		"megver*", "megvert*", "ver engem", "bántalmaz*", "megüt*", "meg fog ölni", "megöl*", "megfenyeget*",
		"fenyeget*", "megerőszak*",
		// bs, hr, sr
		"bije me", "me bije", "tuče me", "pretukao", "prijeti", "ubit će me", "silovan*",
	},
	EmergencyMedical: {
		// en
		"drank* bleach", "drank* poison", "drank* cleaning", "drank* chemical*", "ate poison", "too many pills",
		"took pills", "took a lot of pills", "took* paracetamol", "took* ibuprofen", "whole pack", "whole packet", "whole bottle", "took antidepress*", "took all", "took tablets", "ate pills", "sleeping pills",
		"chest pain*", "chest hurt*", "swallow*", "is bleeding", "are bleeding", "hes bleeding", "shes bleeding",
		"bleeding bad*", "bleeding from", "blood everywhere", "face is drooping", "face drooping", "cant talk properly",
		"cant speak properly", "slurred speech", "cant move his arm", "cant move her arm", "having a fit", "fitting",
		"shaking on the floor", "epileptic", "convuls*", "isnt moving", "stopped moving", "fell down the stairs",
		"fell from", "throat is swelling", "throat swelling", "throat is closing", "cant breathe", "can't breathe",
		"anaphyla*", "epipen", "blue lips", "lips are blue", "is blue", "heart atack", "unconscious*", "unresponsive",
		"overdosed",
		// de
		"tabletten geschluckt", "geschluckt", "zu viele tabletten", "tabletten genommen", "umgekippt", "umgefallen",
		"bewegt sich nicht", "atmet kaum", "atmet nicht", "krampft", "anfall", "blutet", "bewusstlos*", "herzinfarkt",
		"gift getrunken", "blau angelaufen", "lippen blau", "blaue lippen", "putzmittel getrunken", "hängende gesicht", "kann nicht sprechen",
		// ar
		"مغمى*", "اغمي*", "اغمى*", "غاب عن الوعي", "فقدت الوعي", "بلع*", "شرب كلور", "شرب دوا", "حبوب كثير", "اخذ حبوب",
		"كل الحبوب", "ما عم تحكي", "ما عم يحكي", "ما عم تتنفس", "ما بتتنفس", "لا تتنفس", "ما عم تفيق", "عم تنزف",
		"شرب سم", "شربت سم", "اكل سم", "بلع سم", "ما عم يفيق", "مش عم يفيق", "ما بيفيق", "ما عم يصحى", "مش عم يصحى", "عم ينزف", "دم كثير", "ما عم يتحرك", "ما بيتحرك", "ازرق", "يرتجف", "نوبة",
		// fa, prs
		"قرص خورده", "قرص زیاد", "دارو زیاد", "سم خورده", "وایتکس خورده", "از هوش رفت*", "غش کرد*", "خون زیاد",
		"تکون نمیخوره", "بیهوش*", "دارم میمیرم", "نفسم بالا نمیاد", "نفسم بند", "نمیتونم نفس", "نفس نمیکشه", "نفس نمیکشد", "ساه نه",
		// ru, uk
		"выпил таблетки", "выпила таблетки", "наглотал*", "много таблеток", "отравл*", "не двигается", "не шевелится",
		"упал в обморок", "упала в обморок", "обморок", "кровь", "кровоточ*", "приступ", "эпилеп*",
		"випив таблетки", "випила таблетки", "наковтав*", "наковтал*", "багато таблеток", "отруї*", "непритомн*", "не рухається",
		"кров", "напад", "епілеп*",
		// ru, uk typed in Latin letters where skeletons are too short to match safely
		"ne dyshit", "ne dishit", "ne dyhaye", "ne dykhaye", "ne dihae", "ne dyhae", "bez soznaniya", "bez svidomosti",
		// tr
		"ilaç içti", "hap içti", "çok hap", "ilaç yuttu", "hap yuttu", "zehir*", "kıpırdamıyor", "hareket etmiyor",
		"kan kaybediyor", "kanama", "uyanmıyor", "sara nöbeti", "kasılıyor",
		// so
		"suuxd*", "suuxsan", "wadnah* xanuun*", "laabta xanuun*", "way suuxday", "miyir*", "dhiig*", "sun ah", "sun cabtay", "sumoob*", "neefsan*",
		// fr, es
		"a avalé", "avalé*", "trop de médicaments", "saigne*", "évanoui*", "crise d'épilepsie", "étouffe", "respire plus",
		"ne bouge plus", "se tragó", "tragó*", "muchas pastillas", "sangra*", "convulsi*", "se ahoga", "no se mueve",
		"ataque cardiaco",
		// traffic accidents
		"hit by a car", "run over by", "was hit by", "got hit by", "angefahren", "überfahren", "unfall",
		"حادث سيارة", "دهسته", "دعسته", "صدمته سيارة", "تصادف", "ماشین زده", "ماشین بهش زد", "ټکر", "موټر ووهلو",
		"під машину", "збила машина", "збив автомобіль", "дтп", "сбила машина", "сбил*", "под машину", "авария",
		"araba çarptı", "kaza geçirdi", "trafik kazası", "baabuur ayaa jiiray", "baabuur ku dhuftay", "shil", "qeza",
		"renversé par", "renversée par", "accident de voiture", "atropell*", "accidente de coche", "lovit de o masina",
		"accident de masina", "accident rutier", "elütötte", "elütött", "autóbaleset", "baleset",
		// drugs, blood, loss of consciousness in more forms
		"zu viel drogen", "drogen genommen", "too much drugs", "too many drugs", "خون زیاد*", "ټپي", "وینه روانه",
		"وینه ترې", "bilincini kaybet*", "bilinci kapal*",
		// ur in Latin letters
		"saans nahi", "saans nahin", "sans nahi", "dil ka dora", "behosh", "be hosh",
		// ro
		"nu respira", "nu mai pot respira", "inconstient*", "lesinat*", "a lesinat", "sangereaza", "infarct", "atac cerebral", "convulsii",
		"otravit*", "a inghitit", "supradoz*", "nu se misca",
		// hu
		"nem lélegzik", "nem kap levegőt", "eszméletlen*", "elájult", "szívroham*", "agyvérzés*", "vérzik",
		"görcsroham*", "mérgez*", "lenyelt", "túladagol*", "nem mozdul",
		// bs, hr, sr
		"ne diše", "ne dise", "bez svijesti", "onesvijest*", "srčani udar", "krvari", "otrovan*", "progutao", "progutala",
	},
	EmergencyLife: {
		// en
		"breaking into", "broke into", "break into", "broken into", "break in", "someone in my house",
		"someone is in my house", "trying to get in", "trying to get into my", "trying to get into our flat", "forcing the door", "kicking the door", "following me", "followed me", "is following", "stalking me", "kidnap*", "abduct*",
		"shot someone", "shot him", "shot her", "shot me", "been shot", "got shot", "was shot", "got a gun", "pointing a gun", "with guns", "has guns", "guns",
		"gun to my head", "his gun", "stabbed", "stabbing", "stab him", "stab me", "smoke coming", "smoke from", "smell smoke",
		"smells of smoke", "full of smoke",
		"against my will", "held captive", "hostage", "wont let me leave", "won't let me leave", "locked in",
		"forced to work", "forced me to work", "forced labour", "forced labor", "trafficked", "traffick*",
		"bomb", "caught fire", "is a fire", "theres a fire", "there's a fire", "burning", "smoke everywhere",
		// de
		"bricht ein", "bricht bei uns ein", "bricht bei mir ein", "brechen ein", "einbrecher", "eingebrochen", "einbruch", "verfolgt mich", "verfolgt uns",
		"folgt mir", "stalkt mich", "messer in der hand", "messer gezogen", "mit dem messer", "mit einer pistole", "rauch", "eingesperrt", "sperrt mich ein",
		"lässt mich nicht gehen", "zwingt mich", "pass weggenommen", "menschenhandel", "in gefahr",
		// ar
		"يلاحق*", "لاحقني", "يتبعني", "خطف*", "مخطوف*", "اختطف*", "حرامي", "يكسر الباب", "كسر الباب", "مسدس", "سلاح",
		"حريق", "نار", "يحترق", "عم يحترق", "احترق*", "الحقوني", "النجدة", "حابسني", "حبسني", "اخذ جوازي", "يجبرني", "في خطر",
		// fa, prs, ps
		"دنبالم کرده", "دنبالم میاد", "دنبالم میکنه", "تعقیبم", "دزد", "چاقو", "تفنگ", "اسلحه", "آتش گرفت*",
		"آتیش گرفت*", "حبسم کرده", "زندانی کرده", "پاسپورتم را گرفته", "مجبورم میکنه", "در خطر", "اور",
		// ru, uk
		"следит за мной", "за мной следит", "преследует", "идет за мной", "ломится", "ломятся", "вламыва*", "вломил*",
		"пистолет", "нож", "заперли", "держат силой", "забрали паспорт", "заставляют работать", "торговля людьми",
		"стежить за мною", "переслідує", "ломиться", "ломляться", "вламу*", "ніж", "зачинили", "забрали паспорт",
		"змушують працювати", "пожар", "горим",
		// tr
		"yangın çıktı", "yangın var", "ev yanıyor", "takip ediyor", "peşimde", "beni izliyor", "kaçırdı*", "kaçırıl*", "hırsız",
		"kapıyı kırıyor", "zorla gir*", "girmeye çalışıyor", "kapıyı zorluyor", "eve biri girdi", "silah*", "bıçak*", "kilitledi", "pasaportumu aldı", "zorla çalıştır*",
		// so
		"dab", "i raacaya", "afduub*", "la afduubay", "qori", "mindi",
		// ku, ti
		"agir girt", "şewitî", "ሓዊ",
		// fr, es
		"me suit", "me suivent", "suivie", "cambriol*", "enlevé*", "kidnapp*", "pistolet", "arme", "feu", "brûle",
		"me sigue", "me está siguiendo", "me persigue", "secuestr*", "ladrón", "entraron", "pistola", "fuego", "se quema",
		// ro
		"foc", "arde", "incendiu", "sunt in pericol", "ma urmareste", "rapit*", "cutit", "pistol",
		// hu
		"ég a ház", "ég a lakás", "tűz van", "tűzeset", "veszélyben", "követ engem", "elrabol*", "fegyver", "kés",
		// bs, hr, sr
		"požar", "gori", "nož", "prati me", "oteli", "u opasnosti",
	},
}
