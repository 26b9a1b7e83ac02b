package examples_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// flagSet returns the flags of a built example, read from its -h output:
// name to whether the flag takes a value.
func flagSet(t *testing.T, example string) map[string]bool {
	t.Helper()
	out, _ := exec.Command(filepath.Join(binDir, example), "-h").CombinedOutput() // -h exits 2
	flags := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		rest, ok := strings.CutPrefix(line, "  -")
		if !ok {
			continue
		}
		rest = strings.TrimRight(rest, "\n")
		if name, _, short := strings.Cut(rest, "\t"); short { // "  -v\tusage": a bool flag
			flags[name] = false
			continue
		}
		name, typ, _ := strings.Cut(rest, " ")
		flags[name] = typ != ""
	}
	if len(flags) == 0 {
		t.Fatalf("no flags in the -h output of %s:\n%s", example, out)
	}
	return flags
}

// shellWords splits a shell command line into words, keeping what quotes
// enclose together and dropping the quotes.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// invocation is one call of an example in the Jenkinsfile.
type invocation struct {
	example string
	words   []string // arguments, with $VARs set in the same script expanded to their words
}

var (
	// scriptRE matches the shell scripts of sh steps: Groovy '''...''' and
	// '...' strings.
	scriptRE = regexp.MustCompile(`(?s)'''(.*?)'''|\bsh\s+'([^'\n]+)'`)
	// exampleRE matches the path of a built example.
	exampleRE = regexp.MustCompile(`^bin/[a-z][a-z-]*$`)
	// assignRE matches a shell variable set to a quoted value.
	assignRE = regexp.MustCompile(`\b([A-Z_][A-Z0-9_]*)="([^"]*)"`)
	// credentialRE matches the variables withCredentials binds.
	credentialRE = regexp.MustCompile(`variable:\s*'([A-Za-z_][A-Za-z0-9_]*)'`)
)

// invocations finds every call of bin/<example> in the Jenkinsfile's shell
// scripts.
func invocations(t *testing.T, jenkinsfile string) []invocation {
	t.Helper()
	var out []invocation
	for _, m := range scriptRE.FindAllStringSubmatch(jenkinsfile, -1) {
		script := m[1] + m[2]
		script = strings.ReplaceAll(script, "\\\n", " ")
		vars := map[string][]string{}
		for _, a := range assignRE.FindAllStringSubmatch(script, -1) {
			vars[a[1]] = append(vars[a[1]], shellWords(a[2])...)
		}
		for line := range strings.Lines(script) {
			words := shellWords(line)
			i := slices.IndexFunc(words, exampleRE.MatchString)
			if i < 0 {
				continue
			}
			inv := invocation{example: strings.TrimPrefix(words[i], "bin/")}
			for _, w := range words[i+1:] {
				if name, ok := strings.CutPrefix(w, "$"); ok && vars[name] != nil {
					inv.words = append(inv.words, vars[name]...)
					continue
				}
				inv.words = append(inv.words, w)
			}
			out = append(out, inv)
		}
	}
	return out
}

// TestJenkinsfile checks that every flag the Jenkinsfile passes to an
// example exists in that example's flag set, and that no secret is passed
// as a flag value or interpolated by Groovy.
func TestJenkinsfile(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("Jenkinsfile")
	if err != nil {
		t.Fatal(err)
	}
	jf := string(b)
	used := map[string]bool{}
	for _, inv := range invocations(t, jf) {
		used[inv.example] = true
	}
	for _, e := range examples {
		if !used[e] {
			t.Errorf("the Jenkinsfile does not use the %s example", e)
		}
	}
	for _, p := range jenkinsProblems(t, jf) {
		t.Error(p)
	}
}

// jenkinsProblems returns what is wrong with the example calls of a
// Jenkinsfile: unknown examples or flags, secrets on command lines, shell
// scripts Groovy would interpolate.
func jenkinsProblems(t *testing.T, jf string) []string {
	t.Helper()
	var problems []string
	secrets := []string{"LIFETIME_TOKEN", "SERVICECENTER_PASSWORD"}
	for _, m := range credentialRE.FindAllStringSubmatch(jf, -1) {
		if !slices.Contains(secrets, m[1]) {
			secrets = append(secrets, m[1])
		}
	}
	// Groovy interpolates "..." and """...""" strings: a secret there would
	// be written into the command line before the shell sees it.
	if strings.Contains(jf, `"""`) || regexp.MustCompile(`\bsh\s*\(?\s*(script:\s*)?"`).MatchString(jf) {
		problems = append(problems, "double-quoted shell scripts: use single quotes so that Groovy interpolates nothing")
	}
	flagSets := map[string]map[string]bool{}
	for _, inv := range invocations(t, jf) {
		if !slices.Contains(examples, inv.example) {
			problems = append(problems, "bin/"+inv.example+" is not an example")
			continue
		}
		flags, ok := flagSets[inv.example]
		if !ok {
			flags = flagSet(t, inv.example)
			flagSets[inv.example] = flags
		}
		for i := 0; i < len(inv.words); i++ {
			w := inv.words[i]
			for _, s := range secrets {
				if strings.Contains(w, "$"+s) || strings.Contains(w, "${"+s) {
					problems = append(problems, fmt.Sprintf("%s: the secret $%s is on the command line (%q)", inv.example, s, w))
				}
			}
			name, ok := strings.CutPrefix(w, "-")
			name = strings.TrimPrefix(name, "-") // --flag works too
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: stray argument %q", inv.example, w))
				continue
			}
			name, _, hasValue := strings.Cut(name, "=")
			takesValue, known := flags[name]
			if !known {
				problems = append(problems, fmt.Sprintf("%s: flag -%s does not exist", inv.example, name))
				continue
			}
			if lower := strings.ToLower(name); (strings.Contains(lower, "token") || strings.Contains(lower, "password")) && !strings.HasSuffix(lower, "-file") {
				problems = append(problems, fmt.Sprintf("%s: flag -%s carries a secret", inv.example, name))
			}
			if takesValue && !hasValue {
				i++ // skip the value, checked for secrets above on the next word
				if i < len(inv.words) {
					for _, s := range secrets {
						if strings.Contains(inv.words[i], s) {
							problems = append(problems, fmt.Sprintf("%s: -%s gets the secret %s", inv.example, name, s))
						}
					}
				}
			}
		}
	}
	return problems
}

// TestJenkinsfileParser checks the checker: it must see a made-up flag and
// a secret passed as a value.
func TestJenkinsfileParser(t *testing.T) {
	jf := `
withCredentials([string(credentialsId: 'x', variable: 'MY_SECRET')]) {
    sh '''
        OPT="-dry-run -bogus"
        bin/upgrade $OPT -target "$TARGET" \
            -json "$REPORTS/a b.json" -token "$MY_SECRET"
    '''
}`
	invs := invocations(t, jf)
	want := []string{"-dry-run", "-bogus", "-target", "$TARGET", "-json", "$REPORTS/a b.json", "-token", "$MY_SECRET"}
	if len(invs) != 1 || invs[0].example != "upgrade" || !slices.Equal(invs[0].words, want) {
		t.Fatalf("invocations = %+v, want upgrade %q", invs, want)
	}
	problems := jenkinsProblems(t, jf)
	for _, want := range []string{
		"upgrade: flag -bogus does not exist",
		"upgrade: flag -token does not exist",
		"upgrade: -json gets", // not: the value of -json is fine
	} {
		found := slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) })
		if found == (want == "upgrade: -json gets") {
			t.Errorf("problems %q: contains %q = %v", problems, want, found)
		}
	}
	if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "$MY_SECRET is on the command line") }) {
		t.Errorf("the secret on the command line is not reported: %q", problems)
	}
	double := jenkinsProblems(t, `sh "bin/upgrade -target ${TARGET}"`)
	if !slices.ContainsFunc(double, func(p string) bool { return strings.Contains(p, "double-quoted") }) {
		t.Errorf("a double-quoted script is not reported: %q", double)
	}
}
