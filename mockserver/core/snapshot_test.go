package core

import (
	"strings"
	"testing"
)

type snapState struct {
	Next int64  `json:"next"`
	Name string `json:"name"`
}

func TestSnapshotRoundTrip(t *testing.T) {
	data, err := EncodeSnapshot(3, snapState{Next: 9, Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	var got snapState
	if err := DecodeSnapshot(data, 3, &got); err != nil {
		t.Fatal(err)
	}
	if want := (snapState{Next: 9, Name: "x"}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestDecodeSnapshotRefuses(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"older format", `{"version":2,"state":{"next":1}}`, "written by format version 2, this binary reads version 3"},
		{"unknown field", `{"version":3,"state":{"next":1,"extra":true}}`, `unknown field "extra"`},
		{"not JSON", `{`, "not readable"},
		{"wrong type", `{"version":3,"state":{"next":"1"}}`, "snapshot state"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got snapState
			err := DecodeSnapshot([]byte(tc.data), 3, &got)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}
