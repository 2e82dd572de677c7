package contracts

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/paysandbox/paysandbox/internal/gendoc"
)

// The compiled error catalogues (catalogue_<provider>.go) are their YAML:
// each file is what contracts/gen writes from errors/<provider>.yaml today
// (an edited catalogue without `go generate ./contracts` fails here), and
// the catalogue the server loads is the one ParseCatalogue reads.
func TestCompiledCataloguesMatchYAML(t *testing.T) {
	for _, provider := range Providers {
		t.Run(provider, func(t *testing.T) {
			file, target := gendoc.CatalogueTarget(provider)
			data, err := files.ReadFile(target.Origin)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ParseCatalogue(provider, data)
			if err != nil {
				t.Fatal(err)
			}
			src, err := gendoc.File(target, want.Compilable())
			if err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, src) {
				t.Fatalf("%s is missing or stale: run go generate ./contracts after editing %s", file, target.Origin)
			}
			if _, ok := compiledCatalogues[provider]; !ok {
				t.Fatalf("%s registers no compiled catalogue", file)
			}
			got, err := loadCatalogue(provider)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the compiled %s catalogue differs from %s", provider, target.Origin)
			}
		})
	}
}
