package relay

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestScrub(t *testing.T) {
	err := fmt.Errorf("Post https://api.example/bot123:SECRET/getMe: %w", context.Canceled)
	got := Scrub(err, "123:SECRET")
	if strings.Contains(got.Error(), "SECRET") || !strings.Contains(got.Error(), "<token>") || !errors.Is(got, context.Canceled) {
		t.Errorf("Scrub = %q (unwraps to Canceled: %v)", got, errors.Is(got, context.Canceled))
	}
	if Scrub(nil, "x") != nil || Scrub(err, "") != err || Scrub(err, "absent") != err {
		t.Error("Scrub changed an error without the secret")
	}
}
