package wire

import (
	"errors"
	"net/http"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// ErrAnswered is returned by a handler (usually from Intercept) when the
// response is already written or dropped, by an injected fault: the adapter
// writes nothing more. Match it with errors.Is.
var ErrAnswered = errors.New("wire: the response is already written")

// Op is one operation of a provider: given the request its Front prepared,
// it returns the success body or an error. Every provider's handlers have
// this shape; only R, the prepared request, is the provider's own.
type Op[R any] func(x *Exchange, req R) (any, error)

// Front is what a provider puts around every operation: how a request is
// prepared (authentication, decoding) and how answers are written (the
// provider's envelope). Serve runs it.
type Front[R any] struct {
	// Prepare authenticates and decodes the request. On error, req is still
	// passed to Fail (it may carry what the envelope echoes, e.g. an id).
	Prepare func(x *Exchange) (R, error)
	// Succeed writes the provider's success envelope around result.
	Succeed func(x *Exchange, req R, result any)
	// Fail writes the provider's error envelope for err: a *core.Error is a
	// documented code; anything else is the provider's system error. It
	// never sees ErrAnswered.
	Fail func(x *Exchange, req R, err error)
}

// Serve turns an operation into a Handler: prepare, run, answer.
func Serve[R any](f *Front[R], op Op[R]) Handler {
	return func(x *Exchange) {
		req, err := f.Prepare(x)
		var result any
		if err == nil {
			result, err = op(x, req)
		}
		switch {
		case errors.Is(err, ErrAnswered):
		case err != nil:
			x.Call.Explain(err)
			f.Fail(x, req, err)
		case x.Call != nil && x.Call.ThenError() != "":
			// apply_then_error: the operation applied; the documented
			// error is answered in the provider's own envelope.
			f.Fail(x, req, core.Fail(x.Call.ThenError()))
		default:
			f.Succeed(x, req, result)
		}
	}
}

// Mount serves every operation of ops (contract operationId -> Op) through f.
func Mount[R any](k *Kit, f *Front[R], ops map[string]Op[R]) error {
	for id, op := range ops {
		if err := k.Handle(id, Serve(f, op)); err != nil {
			return err
		}
	}
	return nil
}

// Bare is the Exchange of a request no operation matched (an unknown path,
// a wrong method, a panic): no contract operation, no path variables.
func Bare(w http.ResponseWriter, r *http.Request) *Exchange {
	return &Exchange{W: w, R: r, Call: callOf(r), Vars: map[string]string{}}
}
