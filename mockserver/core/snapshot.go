package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// EncodeSnapshot writes a domain's snapshot: {"version": N, "state": v}.
// Every provider uses it, so the version check of DecodeSnapshot is the
// same everywhere.
func EncodeSnapshot(version int, v any) ([]byte, error) { return encodeSnapshot(version, v, 0) }

// encodeSnapshot is EncodeSnapshot into a buffer allocated once, for about
// sizeHint bytes of state (the size of the previous snapshot): the state
// is streamed into it (appendStreamed), never built elsewhere and copied.
func encodeSnapshot(version int, v any, sizeHint int) ([]byte, error) {
	head := `{"version":` + strconv.Itoa(version) + `,"state":`
	out := make([]byte, 0, len(head)+sizeHint+sizeHint/8+64)
	out, err := appendStreamed(append(out, head...), v)
	if err != nil {
		return nil, err
	}
	return append(out, '}'), nil
}

// DecodeSnapshot is the one restore preamble: it checks the snapshot was
// written in this binary's format (a clear "written by version N, this is
// M" otherwise) and decodes the state into v strictly, so a field this
// binary does not know is an error rather than state silently dropped.
func DecodeSnapshot(data []byte, version int, v any) error {
	var env snapshotEnvelope
	if err := json.Unmarshal(data, &env); err != nil {
		return fmt.Errorf("snapshot is not readable: %w", err)
	}
	if env.Version != version {
		return fmt.Errorf("snapshot written by format version %d, this binary reads version %d", env.Version, version)
	}
	dec := json.NewDecoder(bytes.NewReader(env.State))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("snapshot state: %w", err)
	}
	return nil
}

type snapshotEnvelope struct {
	Version int             `json:"version"`
	State   json.RawMessage `json:"state"`
}

// Snapshot takes one domain's snapshot on its own, under its lock (tests
// and tools; the sandbox locks a namespace's domains together).
func Snapshot(p Persistent) ([]byte, error) {
	p.LockState()
	defer p.UnlockState()
	return p.SnapshotLocked()
}
