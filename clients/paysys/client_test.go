package paysys

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

func TestSignMatchesTheDocumentedScheme(t *testing.T) {
	at := time.UnixMilli(1700000000123)
	sum := sha1.Sum([]byte("secret" + "1700000000123"))
	want := "svc-" + hex.EncodeToString(sum[:]) + "-1700000000123"
	if got := Sign("svc", "secret", at); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// scripted answers the n-th call with answers[n-1]; each must be signed.
func scripted(t *testing.T, answers ...func(w http.ResponseWriter, req map[string]any)) *clienttest.Server {
	return clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		b, _ := io.ReadAll(r.Body)
		var req map[string]any
		_ = json.Unmarshal(b, &req)
		if r.Header.Get("Auth") == "" {
			t.Error("unsigned call")
		}
		if n > len(answers) {
			t.Errorf("unexpected call %d: %s", n, b)
			return
		}
		answers[n-1](w, req)
	})
}

func drop(w http.ResponseWriter, _ map[string]any) { clienttest.Drop(w) }

func reply(body string) func(http.ResponseWriter, map[string]any) {
	return func(w http.ResponseWriter, req map[string]any) {
		id, _ := json.Marshal(req["id"])
		clienttest.Write(w, 200, strings.ReplaceAll(body, "$ID", string(id)))
	}
}

func TestPayByCashIsNeverResent(t *testing.T) {
	for name, answer := range map[string]func(http.ResponseWriter, map[string]any){
		"dropped":   drop,
		"malformed": reply(`{"id":$ID,"result":`),
		"no result": reply(`{"id":$ID,"error":null,"result":null}`),
	} {
		t.Run(name, func(t *testing.T) {
			srv := scripted(t, answer)
			c := New(srv.URL, WithSignature("sandbox", "sandbox"))
			_, err := c.PayByCash(context.Background(), &PayByCashParams{RequestID: "r1", VendorID: 1, Account: "79123456789", Amount: 100})
			var u *UnknownOutcomeError
			if !errors.Is(err, ErrUnknownOutcome) || !errors.As(err, &u) || u.RequestID != "r1" {
				t.Fatalf("got %v", err)
			}
			if got := srv.Total(); got != 1 {
				t.Fatalf("sent %d times, want 1", got)
			}
		})
	}
}

// A payout that never left the client is no unknown outcome: nothing moved.
func TestPayByCashNeverSentIsNoUnknownOutcome(t *testing.T) {
	srv := scripted(t)
	hc, dials := clienttest.FailingDials(transport.Attempts)
	_, err := New(srv.URL, WithHTTPClient(hc), WithSignature("s", "k")).PayByCash(context.Background(), &PayByCashParams{Amount: 100})
	var na *transport.NoAnswerError
	if errors.Is(err, ErrUnknownOutcome) || !errors.As(err, &na) || na.Sent {
		t.Fatalf("err = %v; want an unsent NoAnswerError", err)
	}
	if got := dials.Load(); got != transport.Attempts || srv.Total() != 0 {
		t.Errorf("dials = %d, calls = %d; want %d dials and no call", got, srv.Total(), transport.Attempts)
	}
}

func TestNoDefaultCredentials(t *testing.T) {
	srv := scripted(t)
	_, err := New(srv.URL).CheckPayment(context.Background(), 1)
	if !errors.Is(err, ErrNoCredentials) || srv.Total() != 0 {
		t.Fatalf("err = %v after %d calls; want ErrNoCredentials and no call", err, srv.Total())
	}
}

func TestPayAndCheck(t *testing.T) {
	srv := scripted(t,
		reply(`{"id":$ID,"error":null,"result":{"details":{"id":"ab","masked_card_number":null,"transaction_id":2355076,"bank_transaction_id":null,"reference_number":null,"amount":150.5,"merchantId":null,"terminalId":null,"date":1653907664},"mx_id":"cd"}}`),
		drop, // a check is a read: retried
		reply(`{"id":$ID,"error":null,"result":{"result":{"bank_transaction_id":null,"amount":150.5,"date":1653907664,"status":2}}}`),
		reply(`{"id":$ID,"error":{"code":-32314,"message":"Транзакция не найдена"},"result":null}`),
	)
	c := New(srv.URL, WithSignature("sandbox", "sandbox"))
	ctx := context.Background()
	p, err := c.PayByCash(ctx, &PayByCashParams{VendorID: 101596, Account: "79123456789", Amount: 15050})
	if err != nil || p.TransactionID != 2355076 || p.Amount != 15050 || p.MxID != "cd" || p.RequestID == "" {
		t.Fatalf("%+v %v", p, err)
	}
	st, err := c.CheckPayment(ctx, p.TransactionID)
	if err != nil || st.Status != StatusCompleted || st.Amount != 15050 {
		t.Fatalf("%+v %v", st, err)
	}
	_, err = c.CheckPayment(ctx, 1)
	var e *Error
	if !errors.Is(err, ErrTransactionNotFound) || !errors.As(err, &e) || e.Message != "Транзакция не найдена" || e.HTTPStatus != 200 {
		t.Fatalf("got %v", err)
	}
}

func TestToSums(t *testing.T) {
	for in, want := range map[int64]string{100: "1", 15050: "150.5", 15005: "150.05", 1: "0.01"} {
		if got := string(toSums(in)); got != want {
			t.Errorf("%d: %s, want %s", in, got, want)
		}
	}
}
