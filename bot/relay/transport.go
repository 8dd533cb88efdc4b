package relay

import (
	"errors"
	"io"
	"net/http"
)

// NewTransport is an adapter's HTTP transport to its platform: the
// default one, keeping a connection idle for each worker (and two more)
// so that a burst of answers does not open and close connections.
func NewTransport(workers int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = workers + 2
	return t
}

// ReadBody reads the body of a request the platform posted (a webhook
// update, an interaction), at most limit bytes. When it cannot, it
// refuses the request with refuse, 413 for a body too large and 400 for
// one it could not read, and ok is false.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64, refuse func(w http.ResponseWriter, status int, why string)) (body []byte, ok bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse(w, http.StatusRequestEntityTooLarge, "body too large")
		} else {
			refuse(w, http.StatusBadRequest, "unreadable body")
		}
		return nil, false
	}
	return body, true
}
