package relay

import "net/http"

// NewTransport is an adapter's HTTP transport to its platform: the
// default one, keeping a connection idle for each worker (and two more)
// so that a burst of answers does not open and close connections.
func NewTransport(workers int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = workers + 2
	return t
}
