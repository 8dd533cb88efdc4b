package relay

import "strings"

// Scrub removes secret (a bot token) from an error's text: transport
// errors quote the request URL, a proxy may echo a header, and errors end
// up in logs. The result still unwraps to err (errors.Is(err,
// context.Canceled) keeps working).
func Scrub(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return scrubbed{msg: strings.ReplaceAll(err.Error(), secret, "<token>"), err: err}
}

// scrubbed is an error with a cleaned text that unwraps to the original.
type scrubbed struct {
	msg string
	err error
}

func (s scrubbed) Error() string { return s.msg }
func (s scrubbed) Unwrap() error { return s.err }
