package admin

import (
	"context"
	"net/http"
)

func contextWith(r *http.Request, name string) context.Context {
	return context.WithValue(r.Context(), ctxKey{}, name)
}

func namespaceOf(r *http.Request) string {
	if n, ok := r.Context().Value(ctxKey{}).(string); ok {
		return n
	}
	return "default"
}
