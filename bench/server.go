package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"syscall"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// checkRequest is the reference handler's body: the same 7 fields as an
// Anor unregistered-check.
type checkRequest struct {
	Account     string          `json:"account"`
	RecipientID int64           `json:"recipientId"`
	Amount      json.RawMessage `json:"amount"`
	Currency    int             `json:"currency"`
	AgentTranID string          `json:"agentTranId"`
	Params      struct {
		PAN string `json:"pan"`
		Exp string `json:"exp"`
	} `json:"params"`
}

// plainAnswer is about the size of a bill object.
var plainAnswer = []byte(`{"id":123456789,"recipientShortName":"SANDBOX SHOP","sessionId":"1628592866626","amount":100,"currency":860,"extId":"EXT CHECK ID","success":true,"status":"CHECK_OK","responseText":"OK","data":{"dummy":"dummy","ccy":"860","rate":"100","recipientAmount":"100.00","phone":"99890***4567","leftSeconds":"120"},"account":"30","requestTime":"2026-11-23T10:54:26.626Z","responseTime":"2026-11-23T10:54:26.630Z","gatewayName":null}`)

func plainHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req checkRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"error":"bad"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(plainAnswer)))
		_, _ = w.Write(plainAnswer)
	})
}

func runServer(kind, addr string) error {
	var h http.Handler
	switch kind {
	case "plain":
		h = plainHandler()
	case "sandbox", "strict": // what -n (memory) runs; cases run the binary
		debug.SetGCPercent(400) // as the binary runs (mockserver tuneGC)
		srv, err := sandbox.New(sandbox.Options{Strict: kind == "strict"})
		if err != nil {
			return err
		}
		h = srv
	default:
		return fmt.Errorf("unknown server kind %q", kind)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Println(ln.Addr().String())
	hs := &http.Server{Handler: h}
	// BENCH_CPUPROFILE=dir writes a CPU profile of each server to dir (to see
	// where a case's time goes: go tool pprof dir/sandbox-<pid>.prof).
	if dir := os.Getenv("BENCH_CPUPROFILE"); dir != "" {
		f, err := os.Create(fmt.Sprintf("%s/%s-%d.prof", dir, kind, os.Getpid()))
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		runtime.MemProfileRate = 64 << 10
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
			// Allocations of the whole run: go tool pprof -sample_index=alloc_space.
			if a, err := os.Create(fmt.Sprintf("%s/%s-%d.allocs", dir, kind, os.Getpid())); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(a, 0)
				a.Close()
			}
		}()
	}
	go func() {
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt, syscall.SIGTERM)
		<-c
		_ = hs.Close()
	}()
	if err := hs.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}
