package contracts

import "testing"

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
