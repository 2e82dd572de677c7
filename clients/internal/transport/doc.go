// Package transport is the one HTTP exchange the typed clients share: a JSON
// body out, the answer read in full, and the one retry rule of STYLE.md
// "Typed clients":
//
//   - a Read (a read or a status check) is sent again, up to Attempts in
//     all, after any failure to get a usable answer;
//   - a Once call (pay, hold, P2P, anything that moves money or texts a
//     code) is sent again only when it failed before any byte of it left
//     the client (no connection was ever obtained); once it may have
//     reached the server it is never resent, and the caller learns that
//     from NoAnswerError.Sent so it can query the status instead.
//
// A documented provider error is an answer, so it is never retried. Each
// client keeps its own params, envelopes, errors and auth; it passes a
// Decode func that turns an Answer into its result or its *Error.
//
// It imports only the standard library, never contracts or mockserver.
package transport
