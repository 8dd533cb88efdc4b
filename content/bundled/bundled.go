// Package bundled holds the starter content pack compiled into the compass
// binary, so that compass runs with no database and no files.
package bundled

import (
	"embed"
	"io/fs"
)

//go:embed all:pack
var files embed.FS

// FS returns the bundled pack as a file system rooted at the pack directory.
func FS() fs.FS {
	sub, err := fs.Sub(files, "pack")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
