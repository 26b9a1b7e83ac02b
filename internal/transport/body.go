package transport

import (
	"errors"
	"fmt"
	"io"
)

// MaxErrorBody is the most the SDK reads of an error response body (1 MiB).
const MaxErrorBody = 1 << 20

// maxDrain is the most read from a response discarded before a retry, so
// that its connection can be reused; larger bodies close the connection.
const maxDrain = 64 << 10

// ErrBodyTooLarge is returned by [ReadBounded] with the bytes read so far
// when the reader holds more than the limit.
var ErrBodyTooLarge = errors.New("transport: body larger than the limit")

// ReadBounded reads r up to limit bytes. When r holds more, it returns the
// first limit bytes and an error wrapping [ErrBodyTooLarge]; callers that
// only want a bounded prefix (error bodies) can ignore that error with
// errors.Is. A limit below 1 is treated as 1.
func ReadBounded(r io.Reader, limit int64) ([]byte, error) {
	if limit < 1 {
		limit = 1
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return b, err
	}
	if int64(len(b)) > limit {
		return b[:limit], fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, limit)
	}
	return b, nil
}

// drainAndClose discards up to maxDrain bytes of body then closes it.
func drainAndClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.CopyN(io.Discard, body, maxDrain)
	_ = body.Close()
}
