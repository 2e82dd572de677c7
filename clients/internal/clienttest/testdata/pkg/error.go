package pkg

// A stand-in client package for sentinels_test.go.

type Error struct{ Code string }

var (
	ErrA = &Error{Code: "a"}
	ErrB = &Error{Code: "b"}
)

var ErrNoCredentials error
