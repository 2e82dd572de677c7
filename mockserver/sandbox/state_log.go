package sandbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
)

// stateLog is the append-only log next to the state file (path + ".log").
// Each record is one line: the CRC-32 of its JSON in hex, a space, the
// JSON. A crash mid-append leaves a torn last line, which replay drops (it
// was never acknowledged: acknowledgement waits for the fsync).
type stateLog struct {
	path string
	f    *os.File
	size int64
	seq  uint64 // the last record's
}

// logRecord is one durable change. Seq orders records; a state file
// records the last seq it includes, and replay skips those.
type logRecord struct {
	Seq   uint64 `json:"seq"`
	Epoch uint64 `json:"epoch,omitempty"` // a start: random streams re-keyed by it
	NS    string `json:"ns,omitempty"`
	// State is the namespace's nsState; with Full it replaces the
	// namespace (a domain missing is unbuilt), else it replaces the
	// namespace's head and the domains it holds.
	State   json.RawMessage `json:"state,omitempty"`
	Full    bool            `json:"full,omitempty"`
	Removed bool            `json:"removed,omitempty"`
	Base    json.RawMessage `json:"base,omitempty"` // the base scenario, replaced
	// Reserved: requests in NS may be let in up to this count (idfloor.go).
	Reserved *uint64 `json:"reserved,omitempty"`
}

// readLog returns the log's intact records and the length they span.
func readLog(path string) ([]logRecord, int64, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	var out []logRecord
	var good int64
	for len(data) > 0 {
		line, rest, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			break // torn: never fsynced whole
		}
		sum, body, _ := bytes.Cut(line, []byte(" "))
		var rec logRecord
		if fmt.Sprintf("%08x", crc32.ChecksumIEEE(body)) != string(sum) || json.Unmarshal(body, &rec) != nil {
			break
		}
		out = append(out, rec)
		good += int64(len(line) + 1)
		data = rest
	}
	return out, good, nil
}

// openLog opens the log for appending after its intact records (a torn
// tail is cut off, so new records do not follow garbage).
func openLog(path string, good int64, seq uint64) (*stateLog, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &stateLog{path: path, f: f, size: good, seq: seq}, nil
}

// appendRecords writes recs (numbering them) and fsyncs once: the group
// commit of everyone waiting.
func (l *stateLog) appendRecords(recs []logRecord) error {
	if len(recs) == 0 {
		return nil
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	for _, r := range recs {
		l.seq++
		r.Seq = l.seq
		body, err := json.Marshal(r)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%08x ", crc32.ChecksumIEEE(body))
		w.Write(body)
		w.WriteByte('\n')
	}
	w.Flush()
	n, err := l.f.Write(buf.Bytes())
	l.size += int64(n)
	if err != nil {
		return err
	}
	return l.f.Sync()
}

// truncate empties the log once a state file holds everything in it.
func (l *stateLog) truncate() error {
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	if _, err := l.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	l.size = 0
	return l.f.Sync()
}

func (l *stateLog) close() error { return l.f.Close() }
