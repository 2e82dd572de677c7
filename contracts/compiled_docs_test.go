package contracts

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/paysandbox/paysandbox/internal/gendoc"
)

// The compiled documents (doc_<name>.go) are what kin-openapi reads from
// the YAML: the generated source is the one the YAML gives today (an edited
// YAML without `go generate ./contracts` fails here), and the document it
// builds, resolved, marshals byte for byte as kin's own result does.
func TestCompiledDocsMatchYAML(t *testing.T) {
	for name := range compiledDocs {
		t.Run(name, func(t *testing.T) {
			data, err := files.ReadFile(name + ".yaml")
			if err != nil {
				t.Fatal(err)
			}
			want, err := gendoc.Source("contracts", gendoc.FuncName(name), name+".yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(gendoc.FileName(name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go generate ./contracts after editing %s.yaml", gendoc.FileName(name), name)
			}

			ref, err := loadYAML(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := loadDoc(name)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(ref)
			b, _ := json.Marshal(doc)
			if !bytes.Equal(a, b) {
				t.Errorf("the compiled %s document differs from kin-openapi's reading of %s.yaml", name, name)
			}
		})
	}
	for _, p := range append(append([]string(nil), Providers...), "admin") {
		if _, ok := compiledDocs[p]; !ok {
			t.Errorf("no compiled document for %s", p)
		}
	}
}
