package anorbank

import "testing"

func TestExtPay(t *testing.T) {
	f := newFixture(t, false)
	p := ExtPayParams{AgentTranID: "1668782814", Account: "20208000900100001001", MFO: "01183", Name: "viplati", Card: CardRef{panOK, expOK}, Amount: 100}
	first, err := f.svc.ExtPay(p)
	if err != nil {
		t.Fatal(err)
	}
	f.wantBalance(t, startBal+100, 0)
	again, err := f.svc.ExtPay(p)
	if err != nil || again != first {
		t.Fatalf("replay = %+v, %v; want %+v", again, err, first)
	}
	f.wantBalance(t, startBal+100, 0)
	if got := f.svc.Deposit(); got != 500000-100 {
		t.Fatalf("deposit %d", got)
	}
	p.AgentTranID, p.Amount = "2", 500000
	_, err = f.svc.ExtPay(p)
	wantCode(t, err, CodeInsufficientDeposit)
	f.wantBalance(t, startBal+100, 0)
}
