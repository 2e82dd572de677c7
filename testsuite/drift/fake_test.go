package drift_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/testsuite/drift"
)

func TestVsFake(t *testing.T) {
	const list = `{"status":"success","data":[{"id":1,"name":"a"},{"id":2,"name":"b"}]}`
	tests := []struct {
		name       string
		liveStatus int
		live       string
		fakeStatus int
		fake       string
		want       []want
	}{
		{"the same shape, other values", 200, paymentOK, 200, strings.Replace(paymentOK, "Введен", "Проведен", 1), nil},
		{"another HTTP status", 500, paymentOK, 200, paymentOK, []want{{drift.Status, ""}}},
		{"another error code", 200, `{"error":{"code":-32300,"message":"x"},"result":null}`, 200, `{"error":{"code":-32301,"message":"x"},"result":null}`,
			[]want{{drift.Code, "/error/code"}}},
		{"an error where the fake succeeds", 200, `{"status":"error","code":1008,"message":"x","data":null}`, 200, paymentOK,
			[]want{{drift.Code, "/code"}}},
		{"a field only the live answer has", 200, strings.Replace(paymentOK, `"code":0,`, `"code":0,"trace":"t",`, 1), 200, paymentOK,
			[]want{{drift.ShapeVsFake, "/trace"}}},
		{"a field only the fake has", 200, paymentOK, 200, strings.Replace(paymentOK, `"code":0,`, `"code":0,"trace":"t",`, 1),
			[]want{{drift.ShapeVsFake, "/trace"}}},
		{"another JSON type", 200, strings.Replace(paymentOK, `"Введен"`, `42`, 1), 200, paymentOK,
			[]want{{drift.ShapeVsFake, "/data/payment_status"}}},
		{"an element field, named once at its first place", 200, strings.ReplaceAll(list, `"name"`, `"title"`), 200, list,
			[]want{{drift.ShapeVsFake, "/data/0/name"}, {drift.ShapeVsFake, "/data/0/title"}}},
		{"more or fewer elements", 200, list, 200, `{"status":"success","data":[{"id":3,"name":"c"}]}`, nil},
		{"an empty list says nothing of its elements", 200, list, 200, `{"status":"success","data":[]}`, nil},
		{"null says nothing of what is under it, but is another type", 200, paymentOK, 200, `{"status":"success","code":0,"data":null}`,
			[]want{{drift.ShapeVsFake, "/data"}}},
		{"not JSON where the fake answers JSON", 200, `<html>`, 200, paymentOK, []want{{drift.ShapeVsFake, ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := drift.VsFake(tc.liveStatus, []byte(tc.live), tc.fakeStatus, []byte(tc.fake))
			if got := kinds(fs); !slices.Equal(got, tc.want) {
				t.Fatalf("findings %v, want %v (%+v)", got, tc.want, fs)
			}
			for _, f := range fs {
				if f.Source != drift.AgainstFake || f.Failure {
					t.Errorf("%+v: want source fake, never a failure", f)
				}
			}
		})
	}
}
