package textimport

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"loci/deck"
)

// Review-log columns, as in the header of a bare review log.
const (
	colCardID   = "card_id"
	colRating   = "review_rating"
	colTime     = "review_time"
	colDuration = "review_duration" // optional
)

// IsReviewLog reports whether header, the fields of a file's first line
// split on commas, is the header of a bare review log: it names card_id,
// review_rating and review_time (review_duration and other columns may
// follow, in any order). A byte order mark and the case of names are
// ignored.
func IsReviewLog(header []string) bool {
	cols := reviewColumns(header)
	return cols[colCardID] > 0 && cols[colRating] > 0 && cols[colTime] > 0
}

// reviewColumns maps the review-log names of header to 1-based columns.
func reviewColumns(header []string) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		switch h = strings.ToLower(strings.TrimSpace(h)); h {
		case colCardID, colRating, colTime, colDuration:
			if cols[h] == 0 {
				cols[h] = i + 1
			}
		}
	}
	return cols
}

// ParseReviewLog reads a bare review log: a header naming card_id,
// review_rating, review_time and optionally review_duration, then one
// review a row, such as
//
//	card_id,review_rating,review_time,review_duration
//	1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060
//
// card_id is an Anki card id (a positive integer), review_rating 1–4,
// review_time an RFC 3339 / ISO 8601 time (a space may stand for the "T";
// without an offset the time is UTC), and review_duration milliseconds
// (empty for none).
//
// A log carries no card content, so its entries name cards that are not in
// any deck file: CardID is "revlog-" + card_id. ExtID is "revlog:" +
// card_id + ":" + the review's Unix time in milliseconds, so that a second
// import of the same log adds nothing; a row repeating another's card and
// millisecond is left out. Every entry is of kind deck.EntryReview. Entries
// come back oldest first (rows with the same time keep their order).
func ParseReviewLog(name string, r io.Reader) ([]deck.LogEntry, error) {
	br, _, err := newReader(name, r)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &deck.Error{File: name, Line: 1, Err: errors.New("empty file: want the header card_id,review_rating,review_time,review_duration")}
	}
	if err != nil {
		return nil, logReadError(name, err)
	}
	if !IsReviewLog(header) {
		return nil, &deck.Error{File: name, Line: 1, Err: fmt.Errorf("header %q is not a review log's: want card_id,review_rating,review_time,review_duration",
			strings.Join(header, ","))}
	}
	cols := reviewColumns(header)
	var out []deck.LogEntry
	seen := map[string]bool{}
	for rows := 0; ; rows++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, logReadError(name, err)
		}
		if rows == MaxRows {
			return nil, &deck.Error{File: name, Err: fmt.Errorf("more than %d reviews; split the file", MaxRows)}
		}
		line, _ := cr.FieldPos(0)
		e, field, err := reviewEntry(rec, cols)
		if err != nil {
			return nil, &deck.Error{File: name, Line: line, Field: field, Err: err}
		}
		if !seen[e.ExtID] {
			seen[e.ExtID] = true
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// reviewEntry reads one row; on error it names the field at fault.
func reviewEntry(rec []string, cols map[string]int) (deck.LogEntry, string, error) {
	get := func(name string) (string, error) {
		c := cols[name]
		if c == 0 {
			return "", nil
		}
		if c > len(rec) {
			return "", fmt.Errorf("missing: the row has %d field%s", len(rec), plural(len(rec)))
		}
		v := strings.TrimSpace(rec[c-1])
		if !utf8.ValidString(v) {
			return "", errors.New("not valid UTF-8")
		}
		return v, nil
	}
	var e deck.LogEntry
	id, err := get(colCardID)
	if err != nil {
		return e, colCardID, err
	}
	if n, err := strconv.ParseInt(id, 10, 64); err != nil || n <= 0 {
		return e, colCardID, fmt.Errorf("%q: want an Anki card id, a positive whole number", clip(id))
	}
	v, err := get(colRating)
	if err != nil {
		return e, colRating, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 4 {
		return e, colRating, fmt.Errorf("%q: want 1 (again), 2 (hard), 3 (good) or 4 (easy)", clip(v))
	}
	e.Rating = deck.Rating(n)
	v, err = get(colTime)
	if err != nil {
		return e, colTime, err
	}
	if e.At, err = parseTime(v); err != nil {
		return e, colTime, fmt.Errorf("%q: want an ISO 8601 time such as 2024-03-29T20:32:32.250+00:00", clip(v))
	}
	v, err = get(colDuration)
	if err != nil {
		return e, colDuration, err
	}
	if v != "" {
		ms, err := strconv.ParseInt(v, 10, 64)
		if err != nil || ms < 0 || ms > int64(24*time.Hour/time.Millisecond) {
			return e, colDuration, fmt.Errorf("%q: want milliseconds, a whole number from 0 to a day", clip(v))
		}
		e.Duration = time.Duration(ms) * time.Millisecond
	}
	e.CardID = "revlog-" + id
	e.Kind = deck.EntryReview
	e.ExtID = "revlog:" + id + ":" + strconv.FormatInt(e.At.UnixMilli(), 10)
	return e, "", nil
}

// timeLayouts are the forms of review_time accepted, tried in order.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
}

// parseTime reads an ISO 8601 time; one without an offset is UTC.
func parseTime(s string) (time.Time, error) {
	var err error
	for _, layout := range timeLayouts {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}

func logReadError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &deck.Error{File: name, Line: pe.Line, Err: fmt.Errorf("column %d: %v", pe.Column, pe.Err)}
	}
	return &deck.Error{File: name, Err: err}
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
