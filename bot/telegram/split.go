package telegram

import (
	"strings"
	"unicode/utf8"
)

// MaxMessageLen is Telegram's limit on a message's text after entity
// parsing. Telegram counts UTF-16 code units, so this package does too.
const MaxMessageLen = 4096

// breakKind ranks the places where a long message may be cut.
type breakKind int

const (
	breakAnywhere  breakKind = iota // between two characters
	breakWord                       // after a space
	breakLine                       // after a newline
	breakParagraph                  // after a blank line
	breakKinds
)

// cut is a candidate end of a chunk.
type cut struct {
	ok    bool
	pos   int      // byte offset in the document just after the cut
	width int      // visible width of the chunk up to pos
	open  []string // tags open at pos, outermost first (never mutated)
}

// splitHTML cuts an HTML document as produced by renderHTML into chunks of
// at most limit visible characters (UTF-16 units; tags count zero, an
// entity one). It cuts at a paragraph boundary if it can, else at a line
// break, else between words, else between characters, never inside a tag or
// an entity. Elements open at a cut are closed at the end of the chunk and
// reopened at the start of the next. Whitespace at cuts is dropped and no
// chunk is blank; nothing else is lost.
func splitHTML(doc string, limit int) []string {
	if limit < 2 {
		limit = 2 // a character outside the BMP needs two units
	}
	if visibleWidth(doc) <= limit {
		if isBlankHTML(doc) {
			return nil
		}
		return []string{doc}
	}
	var chunks []string
	var open []string
	pos := skipSpace(doc, 0)
	for pos < len(doc) {
		end, c := scanChunk(doc, pos, open, limit)
		var b strings.Builder
		for _, t := range open {
			b.WriteString(t)
		}
		if end >= len(doc) {
			b.WriteString(doc[pos:])
			open = nil
		} else {
			b.WriteString(strings.TrimRight(doc[pos:c.pos], " \t\n"))
			for i := len(c.open) - 1; i >= 0; i-- {
				b.WriteString("</" + tagName(c.open[i]) + ">")
			}
			open = c.open
		}
		if chunk := b.String(); !isBlankHTML(chunk) {
			chunks = append(chunks, chunk)
		}
		if end >= len(doc) {
			break
		}
		pos = skipSpace(doc, c.pos)
	}
	return chunks
}

// scanChunk reads from pos with the given open tags until limit visible
// units are used. It returns len(doc) if the rest fits, else the best cut.
func scanChunk(doc string, pos int, open []string, limit int) (int, cut) {
	var best [breakKinds]cut
	width := 0
	prevNewline := false
	for i := pos; i < len(doc); {
		tok, w, next := nextToken(doc, i)
		if w == 0 { // a tag
			open = applyTag(open, tok)
			i = next
			continue
		}
		if width+w > limit {
			return i, chooseCut(best, limit)
		}
		width += w
		i = next
		kind := breakAnywhere
		switch tok {
		case "\n":
			kind = breakLine
			if prevNewline {
				kind = breakParagraph
			}
		case " ", "\t":
			kind = breakWord
		}
		prevNewline = tok == "\n"
		best[kind] = cut{ok: true, pos: i, width: width, open: open}
		if kind != breakAnywhere {
			best[breakAnywhere] = best[kind]
		}
	}
	return len(doc), cut{}
}

// chooseCut prefers the strongest boundary that keeps the chunk at least
// half full, then any boundary at all.
func chooseCut(best [breakKinds]cut, limit int) cut {
	for k := breakParagraph; k > breakAnywhere; k-- {
		if best[k].ok && best[k].width >= limit/2 {
			return best[k]
		}
	}
	for k := breakParagraph; k >= breakAnywhere; k-- {
		if best[k].ok {
			return best[k]
		}
	}
	return best[breakAnywhere]
}

// nextToken returns the token at i (a tag, an entity or one character), its
// visible width in UTF-16 units and the offset after it. A '<' or '&' that
// does not start a complete tag or entity counts as one character.
func nextToken(doc string, i int) (tok string, width, next int) {
	switch doc[i] {
	case '<':
		if j := strings.IndexByte(doc[i:], '>'); j > 0 {
			return doc[i : i+j+1], 0, i + j + 1
		}
	case '&':
		if j := strings.IndexByte(doc[i:], ';'); j > 1 && j <= 10 && !strings.ContainsAny(doc[i+1:i+j], " <&\n") {
			return doc[i : i+j+1], 1, i + j + 1
		}
	}
	r, size := utf8.DecodeRuneInString(doc[i:])
	width = 1
	if r > 0xFFFF {
		width = 2
	}
	return doc[i : i+size], width, i + size
}

// applyTag returns the open-tag stack after tag. It never mutates open, so
// cuts may keep references to earlier stacks.
func applyTag(open []string, tag string) []string {
	if strings.HasPrefix(tag, "</") {
		name := tagName(tag)
		for j := len(open) - 1; j >= 0; j-- {
			if tagName(open[j]) == name {
				return open[:j:j]
			}
		}
		return open
	}
	if strings.HasSuffix(tag, "/>") {
		return open
	}
	next := make([]string, len(open), len(open)+1)
	copy(next, open)
	return append(next, tag)
}

// tagName returns "a" for `<a href="…">` and for `</a>`.
func tagName(tag string) string {
	t := strings.TrimPrefix(strings.TrimPrefix(tag, "<"), "/")
	if i := strings.IndexAny(t, " \t\n>/"); i >= 0 {
		t = t[:i]
	}
	return strings.ToLower(t)
}

// visibleWidth is the length Telegram sees after parsing doc, in UTF-16
// units.
func visibleWidth(doc string) int {
	n := 0
	for i := 0; i < len(doc); {
		_, w, next := nextToken(doc, i)
		n += w
		i = next
	}
	return n
}

// isBlankHTML reports whether doc has no visible character but whitespace.
func isBlankHTML(doc string) bool {
	for i := 0; i < len(doc); {
		tok, w, next := nextToken(doc, i)
		if w > 0 && strings.TrimSpace(tok) != "" {
			return false
		}
		i = next
	}
	return true
}

func skipSpace(doc string, i int) int {
	for i < len(doc) && (doc[i] == ' ' || doc[i] == '\n' || doc[i] == '\t') {
		i++
	}
	return i
}
