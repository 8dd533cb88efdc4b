package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Signature headers of HTTP interactions.
const (
	SignatureHeader = "X-Signature-Ed25519"
	TimestampHeader = "X-Signature-Timestamp"
)

// DeliverTo makes the server post interactions to an HTTP interactions
// endpoint, signed with its key, instead of dispatching them over the
// gateway; "" goes back to the gateway.
func (s *Server) DeliverTo(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endpoint = url
}

// Sign returns the hex Ed25519 signature Discord puts in
// X-Signature-Ed25519: over the timestamp followed by the body.
func Sign(key ed25519.PrivateKey, timestamp string, body []byte) string {
	return hex.EncodeToString(ed25519.Sign(key, append([]byte(timestamp), body...)))
}

// SignNow signs body with the server's key at the current time and
// returns the two headers' values.
func (s *Server) SignNow(body []byte) (signature, timestamp string) {
	timestamp = strconv.FormatInt(time.Now().Unix(), 10)
	return Sign(s.privateKey, timestamp, body), timestamp
}

// Post signs body with the server's key and posts it to an interactions
// endpoint as Discord does, giving up after AckDeadline; it returns the
// status and body of the answer.
func (s *Server) Post(url string, body []byte) (int, []byte, error) {
	sig, ts := s.SignNow(body)
	return postSigned(&http.Client{Timeout: s.AckDeadline}, url, body, sig, ts)
}

// PostSigned posts body to an interactions endpoint with the given
// signature headers (either may be "" to leave it out).
func PostSigned(url string, body []byte, signature, timestamp string) (int, []byte, error) {
	return postSigned(http.DefaultClient, url, body, signature, timestamp)
}

// postSigned posts with client; the server's own deliveries give up after
// AckDeadline, as Discord does: an endpoint that has not answered by then
// has failed the interaction.
func postSigned(client *http.Client, url string, body []byte, signature, timestamp string) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	if signature != "" {
		req.Header.Set(SignatureHeader, signature)
	}
	if timestamp != "" {
		req.Header.Set(TimestampHeader, timestamp)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, answer, err
}

// Ping posts a signed PING, as Discord does when the endpoint URL is saved
// in the developer portal, and returns the answer.
func (s *Server) Ping(url string) (int, []byte, error) {
	body := []byte(`{"id":"` + strconv.FormatInt(time.Now().UnixNano(), 10) + `","application_id":"` + s.AppID + `","type":1,"token":"ping-token","version":1}`)
	return s.Post(url, body)
}

// SignAt signs body with the server's key as Discord would at timestamp
// (Unix seconds, as text), for tests of stale and altered requests.
func (s *Server) SignAt(timestamp string, body []byte) string {
	return Sign(s.privateKey, timestamp, body)
}
