package aloqa

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/sms"
)

func smsMessage(phone, text, code string, at time.Time) sms.Message {
	return sms.Message{Provider: Provider, Phone: phone, Text: text, Code: code, SentAt: at}
}
