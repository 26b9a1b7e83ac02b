package reliability_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestEverySuitePrintsASummary reads this package's test files and checks
// that every top-level Test function (this one aside) calls summary, so
// that CI's grep of the counts sees every suite.
func TestEverySuitePrintsASummary(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tests := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Name.Name == "TestEverySuitePrintsASummary" {
				continue
			}
			tests++
			calls := false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "summary" {
						calls = true
					}
				}
				return !calls
			})
			if !calls {
				t.Errorf("%s (%s) does not call summary: its counts would not show in CI", fn.Name.Name, name)
			}
		}
	}
	if tests == 0 {
		t.Fatal("no Test functions found")
	}
}
