package coverage

import (
	"sync"
	"testing"
)

func TestCounter(t *testing.T) {
	c := New()
	pay := Key{Provider: "paysys", Operation: "pam.pay_by_cash"}
	refused := Key{Provider: "paysys", Operation: "pam.pay_by_cash", Code: "-32309", Via: ViaRule}
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Record(pay)
			c.Record(refused)
			c.Record(pay)
		}()
	}
	wg.Wait()
	got := c.Counts()
	if got[pay] != 100 || got[refused] != 50 || len(got) != 2 {
		t.Fatalf("counts = %v", got)
	}
	sum := New()
	sum.Add(got)
	sum.Add(got)
	if n := sum.Counts()[refused]; n != 100 {
		t.Errorf("aggregated %d, want 100", n)
	}
	got[pay] = 0
	if c.Counts()[pay] != 100 {
		t.Error("Counts returned the live map")
	}
}
