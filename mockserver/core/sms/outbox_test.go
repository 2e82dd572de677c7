package sms

import "testing"

func TestOutboxNewestFirstBoundedAndByPhone(t *testing.T) {
	o := NewOutbox(2)
	o.Send(Message{Phone: "998901234567", Code: "1"})
	o.Send(Message{Phone: "998907654321", Code: "2"})
	o.Send(Message{Phone: "998901234567", Code: "3"})
	all := o.List("")
	if len(all) != 2 || all[0].Code != "3" || all[1].Code != "2" {
		t.Fatalf("got %+v", all)
	}
	if got := o.List("+998901234567"); len(got) != 1 || got[0].Code != "3" {
		t.Fatalf("by phone with +: %+v", got)
	}
	for i := 4; i <= 7; i++ {
		o.Send(Message{Phone: "998901234567", Code: string(rune('0' + i))})
	}
	if all := o.All(); len(all) != 2 || all[0].Code != "6" || all[1].Code != "7" {
		t.Fatalf("ring order: %+v", all)
	}
	o.Load([]Message{{Code: "a"}, {Code: "b"}, {Code: "c"}})
	if all := o.List(""); len(all) != 2 || all[0].Code != "c" || all[1].Code != "b" {
		t.Fatalf("after load: %+v", all)
	}
}
