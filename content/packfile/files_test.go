package packfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/compassbot/compass/content/contenttest"
)

// secretText is in a file beside the pack directory: no error may show it.
const secretText = "root:$6$SECRET-MARKER:19000:0:99999:7:::"

// packDir copies the graz fixture into a temporary directory "pack" and
// writes a secret file beside it. It returns the pack directory.
func packDir(t testing.TB) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "pack")
	if err := os.CopyFS(dir, os.DirFS("testdata/packs/graz")); err != nil {
		t.Fatal(err)
	}
	secret := strings.Repeat(secretText+"\n", 30) + "hunter2: SECRET-MARKER\n"
	if err := os.WriteFile(filepath.Join(base, "secret"), []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadWithin loads dir and fails the test when that takes longer than 10 s
// (a named pipe used to block the loader forever).
func loadWithin(t testing.TB, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := LoadDir(dir)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && strings.Contains(err.Error(), "SECRET-MARKER") {
			t.Fatalf("an error shows the content of a file outside the pack:\n%v", err)
		}
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("LoadDir did not return within 10 s")
		return nil
	}
}

// wantFileError expects exactly the errors of files, each containing its
// text, and no other error.
func wantFileErrors(t *testing.T, err error, want map[string]string) {
	t.Helper()
	errs := contenttest.PackErrors(t, err)
	got := map[string]string{}
	for _, e := range errs {
		got[e.File] += e.Msg
	}
	for file, text := range want {
		if !strings.Contains(got[file], text) {
			t.Errorf("%s: want an error containing %q, got %q", file, text, got[file])
		}
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d:\n%v", len(errs), len(want), err)
	}
}

func TestLoadDir_ReadsOnlyRegularFiles(t *testing.T) {
	dir := packDir(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "intents/health/pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "intents/notes.txt"), 0o644); err != nil {
		t.Fatal(err) // not YAML: not even looked at
	}
	os.Mkdir(filepath.Join(dir, "emergency"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "emergency/en.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "services/s.yaml")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	want := map[string]string{
		"intents/health/pipe.yaml": "is a named pipe (FIFO); a pack reads only regular files",
		"emergency/en.txt":         "is a named pipe (FIFO)",
		"services/s.yaml":          "is a socket",
	}
	// A device file needs root to be made; /dev/null is one anywhere.
	if err := syscall.Mknod(filepath.Join(dir, "intents/zero.yaml"), syscall.S_IFCHR|0o644, 1<<8|5); err == nil {
		want["intents/zero.yaml"] = "is a device file"
	} else {
		t.Logf("no device file made (%v); the fuzz test and the command test cover devices through links", err)
	}
	wantFileErrors(t, loadWithin(t, dir), want)
}

func TestLoadDir_Links(t *testing.T) {
	dir := packDir(t)
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	abs, _ := filepath.Abs(filepath.Join(dir, "../secret"))
	link(abs, "intents/health/shadow.yaml")                           // absolute, outside
	link("../../../secret", "intents/health/up.yaml")                 // relative, outside
	link("hop.yaml", "intents/hop2.yaml")                             // a chain that leaves
	link("../../secret", "intents/hop.yaml")                          //   the pack at its end
	link("loop-b.yaml", "intents/loop-a.yaml")                        // a loop
	link("loop-a.yaml", "intents/loop-b.yaml")                        //
	link("missing.yaml", "intents/dangling.yaml")                     // nothing there
	link("..", "intents/health/parent")                               // a directory: could loop
	link("../../..", "intents/health/outside")                        // a directory outside
	link("/etc/passwd", "services/notes.txt")                         // not YAML, still refused
	link("registration.yaml", "intents/residence/registration2.yaml") // inside: followed
	err := loadWithin(t, dir)
	wantFileErrors(t, err, map[string]string{
		"intents/health/shadow.yaml":           "symbolic link to an absolute path",
		"intents/health/up.yaml":               "leads outside the pack directory",
		"intents/hop2.yaml":                    "leads outside the pack directory",
		"intents/hop.yaml":                     "leads outside the pack directory",
		"intents/loop-a.yaml":                  "more than 8 symbolic links",
		"intents/loop-b.yaml":                  "more than 8 symbolic links",
		"intents/dangling.yaml":                "symbolic link to a file that does not exist",
		"intents/health/parent":                "symbolic link to a directory",
		"intents/health/outside":               "leads outside the pack directory",
		"services/notes.txt":                   "symbolic link to an absolute path",
		"intents/residence/registration2.yaml": "is defined twice", // read through the link
	})
}

// TestLoadDir_LinkedDirectories: a pack mounted from a Kubernetes ConfigMap
// reaches its files through links inside the mount (intents ->
// ..data/intents); that works, a top-level link out of the pack does not.
func TestLoadDir_LinkedDirectories(t *testing.T) {
	dir := packDir(t)
	if err := os.Rename(filepath.Join(dir, "intents"), filepath.Join(dir, "..2026_01_01/intents")); err != nil {
		if err := os.MkdirAll(filepath.Join(dir, "..2026_01_01"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, "intents"), filepath.Join(dir, "..2026_01_01/intents")); err != nil {
			t.Fatal(err)
		}
	}
	for target, name := range map[string]string{"..2026_01_01": "..data", "..data/intents": "intents"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := loadWithin(t, dir); err != nil {
		t.Fatalf("pack behind links inside it: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, "intents")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../..", filepath.Join(dir, "intents")); err != nil {
		t.Fatal(err)
	}
	err := loadWithin(t, dir)
	if errs := contenttest.PackErrors(t, err); errs[len(errs)-1].File != "intents" ||
		!strings.Contains(errs[len(errs)-1].Msg, "leads outside the pack directory") {
		t.Errorf("intents -> ../..: %v", err)
	}
}

// TestLoad_OtherFilesAreNotEchoed: a file that is no pack file (here a
// password file copied into the pack) gets at most ErrorsInFile errors, and
// keys that are no field names are not quoted.
func TestLoad_OtherFilesAreNotEchoed(t *testing.T) {
	shadow := strings.Repeat(secretText+"\n", 60)
	for i := 0; i < 60; i++ {
		shadow += fmt.Sprintf("user%d: SECRET-MARKER\n", i)
	}
	_, err := Load(fixture(t, "graz", map[string]string{"intents/copied.yaml": shadow}))
	errs := contenttest.PackErrors(t, err)
	n := 0
	for _, e := range errs {
		if e.File != "intents/copied.yaml" {
			continue
		}
		n++
		if strings.Contains(e.Error(), "SECRET") || strings.Contains(e.Error(), "$6$") {
			t.Errorf("error quotes the file: %s", e.Error())
		}
	}
	if n != DefaultLimits.ErrorsInFile+1 || !strings.Contains(errs[len(errs)-1].Msg, "more errors in this file not listed") {
		t.Errorf("%d errors for the copied file, want %d and a count of the rest:\n%v", n, DefaultLimits.ErrorsInFile+1, err)
	}
}

func TestLoad_Limits(t *testing.T) {
	small := Limits{FileBytes: 4000, PackBytes: 14000, DecodedFile: 6000, DecodedPack: 20000, Files: 8, ErrorsInFile: 20}
	intent := func(id string, examples int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "id: health.%s\ntranslations:\n  en:\n    title: T\n    answer: A\n    examples:\n", id)
		for i := 0; i < examples; i++ {
			fmt.Fprintf(&b, "      - example %d\n", i)
		}
		return b.String()
	}
	aliased := func(id string, examples int) string { // the examples twice: en and de
		return "id: health." + id + "\ntranslations:\n  en: {title: T, answer: A, examples: &x [" +
			strings.Repeat("aaaaaaaaaaaaaaaaaaaa, ", examples) + "]}\n  de: {title: T, answer: A, examples: *x}\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  map[string]string
	}{
		{"one file too large", map[string]string{"intents/health/big.yaml": intent("big", 250)},
			map[string]string{"intents/health/big.yaml": "larger than 4000 bytes (the limit for one pack file)"}},
		{"pack too large", map[string]string{
			"intents/health/a.yaml": intent("a", 180), "intents/health/b.yaml": intent("b", 180),
			"intents/health/c.yaml": intent("c", 180), "intents/health/d.yaml": intent("d", 180)},
			map[string]string{"intents/health/d.yaml": "the pack's files together are larger than 14000 bytes"}},
		{"too many files", map[string]string{
			"intents/health/a.yaml": intent("a", 1), "intents/health/b.yaml": intent("b", 1),
			"intents/health/c.yaml": intent("c", 1), "intents/health/d.yaml": intent("d", 1),
			"intents/health/e.yaml": intent("e", 1), "intents/health/f.yaml": intent("f", 1)},
			map[string]string{"intents/health/f.yaml": "more than 8 YAML files"}},
		{"aliases in one file", map[string]string{"intents/health/bomb.yaml": "id: health.bomb\ntranslations:\n" +
			"  en: {title: T, answer: A, examples: &x [" + strings.Repeat("aaaaaaaaaaaaaaaaaaaa, ", 100) + "]}\n" +
			"  fa: {title: T, answer: A, examples: *x}\n  de: {title: T, answer: A, examples: *x}\n"},
			map[string]string{"intents/health/bomb.yaml": "with its aliases (*name) expanded this file holds more than 6000 bytes"}},
		{"aliases across files", map[string]string{
			"intents/health/a.yaml": aliased("a", 125), "intents/health/b.yaml": aliased("b", 125),
			"intents/health/c.yaml": aliased("c", 125), "intents/health/d.yaml": aliased("d", 125)},
			map[string]string{"intents/health/d.yaml": "with aliases expanded the pack holds more than 20000 bytes"}},
		{"nothing after the pack's decoded limit", map[string]string{ // files are decoded ahead: their errors must not show
			"intents/health/a.yaml": aliased("a", 125), "intents/health/b.yaml": aliased("b", 125),
			"intents/health/c.yaml": aliased("c", 125), "intents/health/d.yaml": aliased("d", 125),
			"intents/health/e.yaml": "id: [broken", "intents/health/f.yaml": "id: health.nul\x00\n"},
			map[string]string{"intents/health/d.yaml": "with aliases expanded the pack holds more than 20000 bytes"}},
		{"errors before the pack's decoded limit", map[string]string{
			"intents/health/a.yaml": aliased("a", 125), "intents/health/b.yaml": "id: [broken",
			"intents/health/c.yaml": aliased("c", 125), "intents/health/d.yaml": aliased("d", 125),
			"intents/health/e.yaml": aliased("e", 125), "intents/health/f.yaml": "id: [broken"},
			map[string]string{"intents/health/b.yaml": "did not find expected", "intents/health/e.yaml": "with aliases expanded the pack holds more than 20000 bytes"}},
		{"NUL byte", map[string]string{"intents/health/nul.yaml": "id: health.nul\x00\n"},
			map[string]string{"intents/health/nul.yaml": "not a text file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, "minimal", map[string]string{
				"pack.yaml":   "id: linz\nlanguages: [en, de]\n",
				"topics.yaml": "- id: health\n  name: {en: Health}\n- id: work\n  name: {en: Work}\n",
			})
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := load(context.Background(), fsys, small)
			wantFileErrors(t, err, tt.want)
		})
	}
}

// TestLoad_AliasBomb is the probe's attack: one anchor of many examples
// reused in every language, and the classic nested "billion laughs". Both
// are refused quickly and cheaply instead of being expanded.
func TestLoad_AliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: residence.bomb\ntranslations:\n  en:\n    title: T\n    answer: A\n    examples: &ex\n")
	for i := 0; i < 70000; i++ {
		fmt.Fprintf(&b, "      - where do I register my address %d\n", i)
	}
	for _, l := range []string{"de", "ar", "fa"} {
		fmt.Fprintf(&b, "  %s: {title: T, answer: A, examples: *ex}\n", l)
	}
	laughs := "id: residence.laughs\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	for i := 1; i < 30; i++ {
		laughs += fmt.Sprintf("l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	start := time.Now()
	_, err := Load(fixture(t, "graz", map[string]string{
		"intents/residence/bomb.yaml":   b.String(),
		"intents/residence/laughs.yaml": laughs,
	}))
	wantFileErrors(t, err, map[string]string{
		"intents/residence/bomb.yaml":   "with its aliases (*name) expanded this file holds more than 8 MiB",
		"intents/residence/laughs.yaml": "with its aliases (*name) expanded this file holds more than 8 MiB",
	})
	t.Logf("refused in %v", time.Since(start))
}

func TestLoad_SmallAliasesStillWork(t *testing.T) {
	p := mustLoad(t, fixture(t, "graz", map[string]string{
		"intents/health/vaccines.yml": "id: health.vaccinations\ntranslations:\n" +
			"  en: {title: Vaccines, keywords: &kw [vaccine, Impfung], answer: Ask your doctor.}\n" +
			"  de: {title: Impfungen, keywords: *kw, answer: Fragen Sie Ihre Ärztin.}\n",
	}))
	if kw := p.Intent("health.vaccinations", "at").Translations["de"].Keywords; len(kw) != 2 {
		t.Errorf("keywords through an alias = %v", kw)
	}
}

func TestLoadContext_StopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := LoadContext(ctx, fixture(t, "graz", nil))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	_, err = LoadDirContext(ctx, "testdata/packs/graz")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("LoadDirContext: err = %v, want context.Canceled", err)
	}
}

// TestDirFS_OpensPipesWithoutBlocking: even when the kind check is raced
// (a file swapped for a pipe between the look and the open), opening does
// not wait for a writer.
func TestDirFS_OpensPipesWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "p.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	done := make(chan fs.FileMode, 1)
	go func() {
		f, err := dirFS{root}.Open("p.yaml")
		if err != nil {
			done <- 0
			return
		}
		defer f.Close()
		info, _ := f.Stat()
		done <- info.Mode()
	}()
	select {
	case m := <-done:
		if m&fs.ModeNamedPipe == 0 {
			t.Errorf("mode = %v, want a named pipe", m)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a named pipe blocked")
	}
}

// FuzzLoadDir_Walker builds a pack directory from the fuzzer's bytes, three
// at a time (what, where, which): regular files of several kinds of
// content, symbolic links in and out of the pack (absolute, relative, to
// directories, to devices, loops, dangling), directories, named pipes,
// sparse files larger than the limits and removals. Loading must end
// within 10 s, never panic, never show the secret file beside the pack,
// and either return a valid pack or errors that each name their file.
func FuzzLoadDir_Walker(f *testing.F) {
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{1, 0, 0, 1, 1, 1, 3, 2, 0, 4, 4, 200})
	f.Add([]byte{2, 3, 0, 1, 9, 5, 1, 6, 7, 0, 2, 2, 5, 7, 0})
	f.Add([]byte{1, 3, 4, 1, 5, 6, 1, 8, 8, 3, 4, 0, 0, 1, 3})
	f.Add([]byte{1, 0, 9, 1, 1, 10, 1, 2, 11, 0, 4, 4})
	names := []string{"intents/a.yaml", "intents/b.yml", "intents/sub/c.yaml", "intents/sub", "services/s.yaml",
		"services", "intents/n.txt", "topics.yaml", "pack.yaml", "intents/sub/d", "intents", "emergency/de.txt", "emergency"}
	targets := []string{"../secret", "../../secret", "../../../secret", "", "a.yaml", ".", "..", "sub",
		"loop.yaml", "/dev/zero", "/dev/urandom", "missing.yaml", "../intents/a.yaml", "c.yaml"}
	contents := []string{
		"id: work.x\ntranslations: {de: {title: T, answer: A}}\n",
		"id: work.y\ntranslations:\n  de: {title: T, answer: A, examples: &e [a, b, c]}\n  en: {title: T, answer: A, examples: *e}\n",
		secretText + "\n",
		"\xff\xfe\x00garbage",
		"",
		"- id: work\n  name: {de: Arbeit}\n",
		"id: linz\nlanguages: [de]\n",
		"&a [*a]",
		"a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 60 {
			ops = ops[:60]
		}
		base := t.TempDir()
		dir := filepath.Join(base, "pack")
		if err := os.CopyFS(dir, os.DirFS("testdata/packs/minimal")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(base, "secret"), []byte(secretText+"\nhunter2: SECRET-MARKER\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for i := 0; i+2 < len(ops); i += 3 {
			rel := names[int(ops[i+1])%len(names)]
			name := filepath.Join(dir, rel)
			arg := int(ops[i+2])
			if !plainParents(dir, rel) {
				continue // never write through a link or into a pipe
			}
			if info, err := os.Lstat(name); err == nil && !info.IsDir() {
				_ = os.Remove(name) // writing into a named pipe would block the test itself
			}
			switch ops[i] % 6 {
			case 0:
				_ = os.WriteFile(name, []byte(contents[arg%len(contents)]), 0o644)
			case 1:
				target := targets[arg%len(targets)]
				if target == "" {
					target = filepath.Join(base, "secret") // absolute
				}
				_ = os.Symlink(target, name)
			case 2:
				_ = os.Mkdir(name, 0o755)
			case 3:
				_ = syscall.Mkfifo(name, 0o644)
			case 4:
				if fh, err := os.Create(name); err == nil {
					_ = fh.Truncate(int64(arg) << 16) // up to 16 MiB, mostly empty
					fh.Close()
				}
			case 5:
				_ = os.RemoveAll(name)
			}
		}
		err := loadWithin(t, dir)
		if err == nil {
			return
		}
		var perrs interface{ Unwrap() []error }
		if !errors.As(err, &perrs) {
			if strings.HasPrefix(err.Error(), "content pack "+dir) {
				return // the directory itself is gone or not one
			}
			t.Fatalf("not PackErrors: %v", err)
		}
		for _, e := range contenttest.PackErrors(t, err) {
			if e.File == "" || e.Msg == "" {
				t.Fatalf("error without file or message: %#v", e)
			}
		}
	})
}

// plainParents makes the directories above rel inside dir and reports
// whether they all are real directories (no link, no pipe).
func plainParents(dir, rel string) bool {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		p := filepath.Join(dir, filepath.Join(parts[:i]...))
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			if os.Mkdir(p, 0o755) != nil {
				return false
			}
			continue
		}
		if err != nil || !info.IsDir() {
			return false
		}
	}
	return true
}
