package packfile

import (
	"io/fs"
	"os"
	"syscall"
)

// dirFS is a pack directory opened as an os.Root: no name, not even one
// that passes through a symbolic link, reaches outside it, whatever
// changes in the directory while it is read. Files are opened without
// blocking, because opening a named pipe for reading would otherwise wait
// for a writer forever; the loader then refuses anything but a regular
// file from the open file's own Stat.
type dirFS struct{ root *os.Root }

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := d.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (d dirFS) Stat(name string) (fs.FileInfo, error)  { return d.root.Stat(name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error) { return d.root.Lstat(name) }
func (d dirFS) ReadLink(name string) (string, error)   { return d.root.Readlink(name) }
