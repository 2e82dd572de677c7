package contracts

import (
	"context"
	"testing"
)

func TestAdminContractLoads(t *testing.T) {
	doc := kinDoc(t, "admin")
	ids := map[string]bool{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids[op.OperationID] = true
		}
	}
	for _, id := range []string{"health", "reset", "getScenario", "putScenario", "getClock", "setClock", "listSMS", "listRequests", "listFaults", "armFault", "clearFaults", "getState"} {
		if !ids[id] {
			t.Errorf("admin.yaml lacks operation %q", id)
		}
	}
}

// Every embedded document is valid OpenAPI and its examples match their
// schemas (checked here instead of at every start-up).
func TestContractsAreValidOpenAPI(t *testing.T) {
	for _, name := range append([]string{"admin"}, Providers...) {
		if err := kinDoc(t, name).Validate(context.Background()); err != nil {
			t.Errorf("%s.yaml is not valid OpenAPI: %v", name, err)
		}
	}
}
