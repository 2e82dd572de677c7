package requisites

import (
	"testing"
	"time"
)

func query(service, typ, last string) StatementQuery {
	return StatementQuery{ServiceID: service, Type: typ, LastID: last, FromDate: "2026-01-01", ToDate: "2026-12-31"}
}

func TestStatement(t *testing.T) {
	s, clk := mustService(t)
	seeded, err := s.Statement(query("34", "0", "0"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(seeded), 3; got != want {
		t.Fatalf("service 34 has %d seeded entries, want %d", got, want)
	}
	for _, e := range seeded {
		if e.Type != Incoming || e.Status != StatusPosted {
			t.Errorf("seeded entry %+v: want Приход, Проведен", e)
		}
	}
	last := seeded[len(seeded)-1].ID
	o := mustPay(t, s, goodPayment("o1"), Outcome{Final: StatusDeleted})
	page, _ := s.Statement(query("34", "0", itoa(last)))
	if len(page) != 1 || page[0].Type != Outgoing || page[0].Amount != o.Total() || page[0].Status != StatusEntered {
		t.Fatalf("page after lastId %d = %+v, want the new Расход entry, Введен", last, page)
	}
	if page[0].AccountReceiver != o.Account || page[0].NameReceiver != "Test" || page[0].MFOReceiver != "01091" {
		t.Errorf("receiver fields %+v", page[0])
	}
	if page[0].ID <= last {
		t.Errorf("ids must increase: %d after %d", page[0].ID, last)
	}
	clk.Advance(5 * time.Second)
	page, _ = s.Statement(query("34", "2", itoa(last)))
	if len(page) != 1 || page[0].Status != StatusDeleted {
		t.Errorf("the entry follows the order's status: %+v", page)
	}
	if in, _ := s.Statement(query("34", "1", itoa(last))); len(in) != 0 {
		t.Errorf("type 1 (incoming) returned %+v", in)
	}
	if none, _ := s.Statement(query("34", "0", itoa(page[0].ID))); len(none) != 0 {
		t.Errorf("nothing after the newest id, got %+v", none)
	}
	if other, _ := s.Statement(query("35", "0", "0")); len(other) != 1 {
		t.Errorf("service 35 sees %d entries, want its own 1", len(other))
	}
}

func TestStatementDates(t *testing.T) {
	s, _ := mustService(t)
	q := query("34", "0", "0")
	q.FromDate, q.ToDate = "2026-03-02", "2026-03-02" // inclusive, the namespace's start day
	if got, _ := s.Statement(q); len(got) != 3 {
		t.Errorf("same-day window: %d entries, want 3", len(got))
	}
	q.FromDate, q.ToDate = "2026-03-03", "2026-03-10"
	if got, _ := s.Statement(q); len(got) != 0 {
		t.Errorf("later window: %d entries, want 0", len(got))
	}
}

func TestStatementPaging(t *testing.T) {
	s, _ := mustService(t)
	for i := range PageSize + 5 {
		p := goodPayment("page-" + itoa(int64(i)))
		p.Amount = "100"
		mustPay(t, s, p, Outcome{})
	}
	seen, last := 0, int64(0)
	for range 5 {
		page, err := s.Statement(query("34", "0", itoa(last)))
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		if len(page) > PageSize {
			t.Fatalf("page of %d", len(page))
		}
		for _, e := range page {
			if e.ID <= last {
				t.Fatalf("id %d not after %d", e.ID, last)
			}
			last = e.ID
		}
		seen += len(page)
	}
	if got, want := seen, 3+PageSize+5; got != want {
		t.Errorf("paged through %d entries, want %d", got, want)
	}
}

func TestStatementErrors(t *testing.T) {
	s, _ := mustService(t)
	tests := []struct {
		name string
		q    StatementQuery
		want string
	}{
		{"unknown service", query("99", "0", "0"), CodeServiceNotFound},
		{"inactive service", query("37", "0", "0"), CodeServiceNotFound},
		{"unconfigured service", query("36", "0", "0"), CodeServiceNotSetUp},
		{"bad type", query("34", "3", "0"), CodeMissingFields},
		{"missing lastId", query("34", "0", ""), CodeMissingFields},
		{"bad date", StatementQuery{ServiceID: "34", Type: "0", LastID: "0", FromDate: "01.01.2026", ToDate: "2026-12-31"}, CodeMissingFields},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Statement(tc.q)
			if got := codeOf(err); got != tc.want {
				t.Errorf("code %q, want %q", got, tc.want)
			}
		})
	}
	for id, want := range map[string]string{"99": CodeServiceNotFound, "37": CodeServiceNotFound, "36": CodeServiceNotSetUp, "abc": CodeServiceNotFound} {
		if _, err := s.Balance(id); codeOf(err) != want {
			t.Errorf("Balance(%s) = %v, want %s", id, err, want)
		}
	}
}

func TestAuthenticate(t *testing.T) {
	s, _ := mustService(t)
	tests := []struct {
		user, pass string
		want       string
	}{
		{"gray", "p@ssw0rd", ""},
		{"limited", "p@ssw0rd", ""},
		{"gray", "wrong", CodeUserNotFound},
		{"nobody", "p@ssw0rd", CodeUserNotFound},
		{"", "", CodeUserNotFound},
	}
	for _, tc := range tests {
		_, err := s.Authenticate(tc.user, tc.pass)
		if got := codeOf(err); got != tc.want {
			t.Errorf("Authenticate(%q, %q) = %q, want %q", tc.user, tc.pass, got, tc.want)
		}
	}
	gray, _ := s.Authenticate("gray", "p@ssw0rd")
	limited, _ := s.Authenticate("limited", "p@ssw0rd")
	for op, want := range map[string][2]bool{
		"services": {true, true}, "payment": {true, true}, "payment/{orderId}": {true, true},
		"account/{serviceId}/balance": {true, false}, "account/payments": {true, false},
	} {
		if gray.Allowed(op) != want[0] || limited.Allowed(op) != want[1] {
			t.Errorf("%s: gray %v limited %v, want %v", op, gray.Allowed(op), limited.Allowed(op), want)
		}
	}
}
