package contracts

import (
	"context"
	"testing"
)

func TestAdminContractLoads(t *testing.T) {
	c, err := Load("admin")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"health", "reset", "getScenario", "putScenario", "getClock", "setClock", "listSMS", "listRequests", "listFaults", "armFault", "clearFaults", "getState"} {
		if _, ok := c.Operation(id); !ok {
			t.Errorf("admin.yaml lacks operation %q", id)
		}
	}
}

// Every embedded document is valid OpenAPI and its examples match their
// schemas (checked here instead of at every start-up).
func TestContractsAreValidOpenAPI(t *testing.T) {
	for _, name := range append([]string{"admin"}, Providers...) {
		c, err := Load(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.Doc.Validate(context.Background()); err != nil {
			t.Errorf("%s.yaml is not valid OpenAPI: %v", name, err)
		}
	}
}
