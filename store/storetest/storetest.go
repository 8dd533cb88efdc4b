// Package storetest gives tests their own PostgreSQL database.
//
// NewDatabase creates a uniquely named, empty database on the server named by
// COMPASS_TEST_DATABASE_URL (default: the local server as user postgres) and
// drops it when the test ends. Without a reachable server the test is skipped
// with a clear message, except under CI=true, where it fails: CI must never
// pass by skipping the database tests.
//
// This package is for tests only; it must not be imported by production code.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq" // PostgreSQL driver
)

// DefaultURL is the server used when COMPASS_TEST_DATABASE_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL returns the URL of the administrative database tests connect to.
func ServerURL() string {
	if u := os.Getenv("COMPASS_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

const (
	createDatabaseSQL = `CREATE DATABASE %s`
	// terminateSQL ends connections a test left open (pq.Listener, pools)
	// so that DROP DATABASE does not wait for them.
	terminateSQL    = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`
	dropDatabaseSQL = `DROP DATABASE IF EXISTS %s`
)

// NewDatabase creates an empty database for the test and returns its URL. The
// database is dropped in t.Cleanup, after terminating connections still open.
func NewDatabase(t testing.TB) string {
	t.Helper()
	server := ServerURL()
	admin, err := connect(server)
	if err != nil {
		msg := fmt.Sprintf("storetest: PostgreSQL at %s is not reachable (%v); set COMPASS_TEST_DATABASE_URL to a server where the user may CREATE DATABASE", redact(server), err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	name := "compass_test_" + randomSuffix()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, fmt.Sprintf(createDatabaseSQL, name)); err != nil {
		admin.Close()
		t.Fatalf("storetest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, terminateSQL, name); err != nil {
			t.Errorf("storetest: terminate connections to %s: %v", name, err)
		}
		if _, err := admin.ExecContext(ctx, fmt.Sprintf(dropDatabaseSQL, name)); err != nil {
			t.Errorf("storetest: drop database %s: %v", name, err)
		}
	})
	u, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	return u
}

func connect(server string) (*sql.DB, error) {
	db, err := sql.Open("postgres", server)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// withDatabase returns server with its database name replaced by name.
func withDatabase(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("COMPASS_TEST_DATABASE_URL must be a postgres:// URL, got %q", redact(server))
	}
	u.Path = "/" + name
	return u.String(), nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprintf("%d", time.Now().UnixNano())
	}
	return hex.EncodeToString(b)
}

// redact hides a password in a URL for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		_, host, _ := strings.Cut(s, "@")
		return host
	}
	return u.Redacted()
}
