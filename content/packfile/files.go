package packfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// maxLinkHops bounds how many symbolic links one name may pass through.
const maxLinkHops = 8

// fileKind names what a non-regular file is, for errors.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device file"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// checkLinks follows the symbolic links name passes through, when fsys can
// tell (fs.ReadLinkFS): a link must be relative and stay inside the pack,
// and the chain must end. It returns the name links resolve to.
func checkLinks(fsys fs.FS, name string) (string, error) {
	lfs, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return name, nil
	}
	for hop := 0; ; hop++ {
		info, err := lfs.Lstat(name)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return name, nil // a missing file is reported by the open
		}
		if hop == maxLinkHops {
			return "", fmt.Errorf("passes through more than %d symbolic links (a loop?)", maxLinkHops)
		}
		target, err := lfs.ReadLink(name)
		if err != nil {
			return "", fmt.Errorf("cannot read the symbolic link: %v", errors.Unwrap(err))
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) {
			return "", errors.New("is a symbolic link to an absolute path; links in a pack must be relative and stay inside it")
		}
		next := path.Join(path.Dir(name), target)
		if next == ".." || strings.HasPrefix(next, "../") {
			return "", errors.New("is a symbolic link that leads outside the pack directory; refused")
		}
		name = next
	}
}

// readFile reads one pack file within the limits: only a regular file
// (never a named pipe, device or socket, which could block or never end),
// through links that stay inside the pack, at most FileBytes long and
// within what is left of PackBytes. Its errors never quote the file.
func (l *loader) readFile(name string) ([]byte, error) {
	if _, err := checkLinks(l.fsys, name); err != nil {
		return nil, err
	}
	info, err := fs.Stat(l.fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("is %s; a pack reads only regular files", fileKind(info.Mode()))
	}
	if err := l.checkSize(info.Size()); err != nil {
		return nil, err
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// What was opened may not be what was looked at (the pack can change
	// meanwhile): look again at the open file.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("is %s; a pack reads only regular files", fileKind(info.Mode()))
	}
	// Room for the size looked at, so that reading does not grow (and copy)
	// the buffer; a file that grew meanwhile still reads to its end.
	var buf bytes.Buffer
	buf.Grow(int(min(info.Size(), l.limits.FileBytes)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, l.limits.FileBytes+1)); err != nil {
		return nil, fmt.Errorf("cannot read: %s", errOpen(err))
	}
	data := buf.Bytes()
	if err := l.checkSize(int64(len(data))); err != nil {
		return nil, err
	}
	l.read += int64(len(data))
	return data, nil
}

// checkSize refuses a file of n bytes that is too large by itself or for
// what the pack may still read.
func (l *loader) checkSize(n int64) error {
	switch {
	case n > l.limits.FileBytes:
		return fmt.Errorf("file is larger than %s (the limit for one pack file)", mib(l.limits.FileBytes))
	case l.read+n > l.limits.PackBytes:
		l.full = true
		return fmt.Errorf("the pack's files together are larger than %s (the limit for a pack); files from here on are not read", mib(l.limits.PackBytes))
	}
	return nil
}

// errOpen describes an error from opening a pack file without repeating
// the file's name (the error line names it already).
func errOpen(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
