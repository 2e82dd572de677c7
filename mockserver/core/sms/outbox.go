// Package sms is the sandbox's SMS outbox: every text a fake provider
// "sends" (OTP codes) lands here for GET /__admin/sms. Standard library only.
package sms

import (
	"sync"
	"time"
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
// costs the same however full it is.
type Outbox struct {
	mu   sync.Mutex
	msgs []Message // oldest first until full; then a ring starting at head
	head int
	max  int
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
	if len(o.msgs) < o.max {
		o.msgs = append(o.msgs, m)
		return
	}
	o.msgs[o.head] = m
	o.head = (o.head + 1) % o.max
}

// inOrder returns the messages oldest first; the caller holds mu.
func (o *Outbox) inOrder() []Message {
	out := make([]Message, 0, len(o.msgs))
	out = append(out, o.msgs[o.head:]...)
	return append(out, o.msgs[:o.head]...)
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
	o.msgs = append([]Message(nil), msgs...)
	o.head = 0
}
