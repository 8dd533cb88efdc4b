// Package packfile reads and writes content packs as directories of YAML
// files (docs/content-pack.md): Load and LoadDir turn files into a
// content.Pack, with every error as "file:line: field: message"; Write
// renders a pack in the canonical form that loads back equal.
//
// It knows the file format only. The rules a pack must follow, whatever it
// was read from, live in content (content.Validate); the vocabulary it
// fills in lives there too.
package packfile
