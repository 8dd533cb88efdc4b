package content

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Fact is one checkable fact written in a text: a phone number, a number or
// amount, a date, a time of day, a URL or an e-mail address, in a canonical
// form that is the same whatever script or layout a translation uses
// ("٠٨٠٠ ٢٢٢ ٥٥٥" and "0800 222 555" are both phone "0800222555").
type Fact struct {
	Kind  string // "phone", "number", "date", "time", "url", "email"
	Value string // canonical form
}

func (f Fact) String() string { return f.Kind + " " + f.Value }

// The patterns are tried in this order on text whose digits are already
// ASCII; each match is blanked out before the next pattern runs, so a
// URL's digits are not also read as a number.
var (
	emailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`)
	urlPattern   = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"()]+|\bwww\.[^\s<>"()]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:at|de|si|hr|eu|com|org|net|info|int)(?:/[^\s<>"()]*)?\b`)
	datePattern  = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b|\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b|\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	// A time of day is "8:30", or "8.30" followed by a word for o'clock
	// ("8.30 Uhr", "8.30 h"); "12.50" alone is an amount.
	timePattern = regexp.MustCompile(`\b(\d{1,2})(?::(\d{2})\b|\.(\d{2}) ?(?:Uhr|h|sati|ure|uri)\b)`)
	// A phone number starts with "+" or "0", or is a run of digit groups
	// with at least five digits in all ("116 117", "142" is a number).
	phonePattern  = regexp.MustCompile(`\+?\d[\d\- /]*\d`)
	numberPattern = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	separator     = regexp.MustCompile(`[.,]`)
	// "24/7" is a claim about availability, written in words in many
	// languages ("rund um die Uhr"): not a number to compare.
	roundTheClock = regexp.MustCompile(`\b(?:24 ?/ ?7|7 ?/ ?24)\b`)
)

// ExtractFacts returns the facts written in text, each once, sorted.
func ExtractFacts(text string) []Fact {
	s := asciiDigits(text)
	var facts []Fact
	take := func(re *regexp.Regexp, fn func(m []string) (Fact, bool)) {
		s = re.ReplaceAllStringFunc(s, func(match string) string {
			if f, ok := fn(re.FindStringSubmatch(match)); ok && f.Value != "" {
				facts = append(facts, f)
				return strings.Repeat(" ", len(match))
			}
			return match
		})
	}
	s = roundTheClock.ReplaceAllString(s, "    ")
	take(emailPattern, func(m []string) (Fact, bool) {
		return Fact{"email", strings.ToLower(m[0])}, true
	})
	take(urlPattern, func(m []string) (Fact, bool) {
		return Fact{"url", canonicalURL(m[0])}, true
	})
	take(datePattern, func(m []string) (Fact, bool) {
		y, mo, d := firstNonEmpty(m[1], m[6], m[9]), firstNonEmpty(m[2], m[5], m[8]), firstNonEmpty(m[3], m[4], m[7])
		return Fact{"date", y + "-" + pad2(mo) + "-" + pad2(d)}, true
	})
	take(timePattern, func(m []string) (Fact, bool) {
		h, _ := strconv.Atoi(m[1])
		mm := firstNonEmpty(m[2], m[3])
		min, _ := strconv.Atoi(mm)
		if h > 24 || min > 59 {
			return Fact{}, false
		}
		return Fact{"time", strconv.Itoa(h) + ":" + mm}, true
	})
	take(phonePattern, func(m []string) (Fact, bool) {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, m[0])
		n := strings.Count(digits, "") - 1 - strings.Count(digits, "+")
		grouped := strings.ContainsAny(strings.TrimSpace(m[0]), " -/")
		if strings.HasPrefix(digits, "+") || (strings.HasPrefix(digits, "0") && n >= 4) || (grouped && n >= 5) {
			return Fact{"phone", digits}, true
		}
		return Fact{}, false
	})
	take(numberPattern, func(m []string) (Fact, bool) {
		return Fact{"number", canonicalNumber(m[0])}, true
	})
	slices.SortFunc(facts, func(a, b Fact) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(facts)
}

// DiffFacts returns the facts of want missing from got, and those of got
// that want lacks. Phone numbers and other numbers compare by their digits
// alone: "116117" written without a space is still 116 117.
func DiffFacts(want, got []Fact) (missing, extra []Fact) {
	has := func(list []Fact, f Fact) bool {
		return slices.ContainsFunc(list, func(g Fact) bool { return factKey(g) == factKey(f) })
	}
	for _, f := range want {
		if !has(got, f) {
			missing = append(missing, f)
		}
	}
	for _, f := range got {
		if !has(want, f) {
			extra = append(extra, f)
		}
	}
	return missing, extra
}

func factKey(f Fact) string {
	if f.Kind == "phone" || f.Kind == "number" {
		return "n " + f.Value
	}
	return f.String()
}

// asciiDigits turns the decimal digits of every script (Arabic-Indic,
// Persian, Devanagari, full-width ...) into ASCII digits and the Arabic
// decimal and thousands separators into "." and ",".
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x80:
			return r
		case r == '٫':
			return '.'
		case r == '٬':
			return ','
		case r == '\u00a0' || r == '\u202f':
			return ' '
		case unicode.IsDigit(r):
			if d := digitValue(r); d >= 0 {
				return '0' + rune(d)
			}
		}
		return r
	}, s)
}

// digitValue is the value of a decimal digit rune: Unicode puts the ten
// digits of each script in a row starting at a code point ending in 0.
func digitValue(r rune) int {
	for zero := r - 9; zero <= r; zero++ {
		if unicode.IsDigit(zero) && !unicode.IsDigit(zero-1) && unicode.IsDigit(zero+9) {
			return int(r - zero)
		}
	}
	return -1
}

// canonicalURL lower-cases the host, drops the scheme, "www." and trailing
// punctuation, so "https://www.AMS.at/" and "ams.at" compare equal.
func canonicalURL(u string) string {
	u = strings.TrimRight(u, ".,;:!?)»\"'")
	low := strings.ToLower(u)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(low, p) {
			u, low = u[len(p):], low[len(p):]
		}
	}
	host, path, _ := strings.Cut(u, "/")
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	path = strings.TrimRight(path, "/")
	if path == "" {
		return host
	}
	return host + "/" + path
}

// canonicalNumber reads "1.234,50", "1,234.50" and "1 234" alike: a
// separator followed by exactly three digits groups thousands, any other
// is the decimal point.
func canonicalNumber(n string) string {
	var b strings.Builder
	parts := separator.Split(n, -1)
	b.WriteString(parts[0])
	for i, p := range parts[1:] {
		if len(p) == 3 && i < len(parts)-2 || len(p) == 3 && len(parts) == 2 && len(parts[0]) <= 3 {
			b.WriteString(p)
			continue
		}
		b.WriteString("." + p)
	}
	out := strings.TrimLeft(b.String(), "0")
	if out == "" || out[0] == '.' {
		out = "0" + out
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
