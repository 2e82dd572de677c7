// Package sms is the sandbox's SMS outbox: every text a fake provider
// "sends" (OTP codes) lands here for GET /__admin/sms. Standard library only.
package sms

import (
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/slots"
)

// Message is one SMS the fake sent.
type Message struct {
	Provider string    `json:"provider"`
	Phone    string    `json:"phone"`
	Text     string    `json:"text"`
	Code     string    `json:"code"`
	SentAt   time.Time `json:"sent_at"`
}

// Outbox keeps the newest messages, up to a bound: a ring, so sending
// costs the same however full it is, in slots that never move as it fills
// (slots.Slots: an outbox grown by append copied its messages while
// 1,000 namespaces' outboxes filled).
type Outbox struct {
	mu    sync.Mutex
	msgs  slots.Slots[Message] // the first count oldest first until full; then a ring starting at head
	count int
	head  int
	max   int
}

// NewOutbox keeps at most max messages (oldest dropped first).
func NewOutbox(max int) *Outbox {
	if max <= 0 {
		max = 1000
	}
	return &Outbox{max: max}
}

// Send records a message.
func (o *Outbox) Send(m Message) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.count < o.max {
		if o.count == o.msgs.Len() {
			o.msgs.Grow(o.max)
		}
		*o.msgs.At(o.count) = m
		o.count++
		return
	}
	*o.msgs.At(o.head) = m
	o.head = (o.head + 1) % o.max
}

// inOrder returns the messages oldest first; the caller holds mu.
func (o *Outbox) inOrder() []Message {
	out := make([]Message, 0, o.count)
	for k := range o.count {
		out = append(out, *o.msgs.At((o.head + k) % o.count))
	}
	return out
}

// List returns the messages to phone (all when phone is empty), newest first.
func (o *Outbox) List(phone string) []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	all := o.inOrder()
	out := []Message{}
	for i := len(all) - 1; i >= 0; i-- {
		if phone == "" || all[i].Phone == phone || "+"+all[i].Phone == phone || all[i].Phone == "+"+phone {
			out = append(out, all[i])
		}
	}
	return out
}

// All returns every message, oldest first (state files).
func (o *Outbox) All() []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.inOrder()
}

// Load replaces the messages (restoring a state file).
func (o *Outbox) Load(msgs []Message) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(msgs) > o.max {
		msgs = msgs[len(msgs)-o.max:]
	}
	o.msgs, o.count, o.head = slots.Slots[Message]{}, 0, 0
	for _, m := range msgs {
		if o.count == o.msgs.Len() {
			o.msgs.Grow(o.max)
		}
		*o.msgs.At(o.count) = m
		o.count++
	}
}
