// Package store keeps compass content and sessions in PostgreSQL.
//
// Editors change content with any SQL client or by importing a content pack;
// the schema's constraints refuse bad edits with named errors, triggers keep
// translation lineage (outdated translations) and an audit history, and a
// NOTIFY on every content change lets serving processes reload within a
// second (see Watch). DB implements content.Source; Sessions implements
// content.SessionStore.
//
// The schema lives in migrations/*.sql, embedded in the binary and applied by
// Migrate. This package adapts PostgreSQL to the content vocabulary and
// nothing else: it knows no chat platform and no matching.
package store
