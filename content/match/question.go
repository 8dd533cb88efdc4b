package match

import "strings"

// In a long message the question is usually one sentence among a story
// ("we came from Syria three months ago … How can I get them into a
// school?"). Its words are counted twice, so that they outweigh the story
// without the story being ignored (it often names the subject too).

// sentenceEnds are the characters that end a sentence, in the scripts the
// matcher knows.
const sentenceEnds = ".!?\n;؟。！？"

// focusQuestion returns tokens with the words of the message's question
// sentence appended once more: the last sentence with a question mark, or
// else the last sentence. Short messages and messages of one sentence are
// returned as they are.
func focusQuestion(text string, tokens words) words {
	if len(tokens.tok) < minStoryWords {
		return tokens
	}
	sentences := strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(sentenceEnds, r) })
	if len(sentences) < 2 {
		return tokens
	}
	question := ""
	rest := text
	for _, s := range sentences {
		// The sentence ends where it was cut; a question mark right after
		// it marks a question.
		i := strings.Index(rest, s)
		if i < 0 {
			continue
		}
		rest = rest[i+len(s):]
		if strings.HasPrefix(rest, "?") || strings.HasPrefix(rest, "؟") || strings.HasPrefix(rest, "？") {
			question = s
		}
	}
	if question == "" {
		question = sentences[len(sentences)-1]
	}
	q := analyseText(question)
	if len(q.tok) == 0 || len(q.tok) == len(tokens.tok) {
		return tokens
	}
	out := words{tok: make([]string, 0, len(tokens.tok)+len(q.tok)), fold: make([]string, 0, len(tokens.tok)+len(q.tok))}
	out.tok = append(append(out.tok, tokens.tok...), q.tok...)
	out.fold = append(append(out.fold, tokens.fold...), q.fold...)
	return out
}
