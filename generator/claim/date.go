package claim

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"reckon/generator/diag"
)

// Pos is a position in an input file.
type Pos = diag.Pos

// Date is a civil date with no time zone. TOML local dates decode into it
// at once, so that the machine's time zone never shifts a day.
// The zero Date means "not given".
//
// A date not known to the day carries its [Precision]: a year ("2025"), a
// month ("2025-01"), or a bound ("before 2024-12-27", "on or after
// 2025-01-31"). Year, Month and Day then hold its anchor: the first day of
// the year or month, or the bound's day; comparisons use the anchor.
type Date struct {
	Year  int
	Month time.Month
	Day   int
	Prec  Precision
}

// Precision says how much of a date is known.
type Precision int

// Precisions. The zero value is a date known to the day.
const (
	PrecDay       Precision = iota // 2025-01-31
	PrecYear                       // "2025": some day of that year
	PrecMonth                      // "2025-01": some day of that month
	PrecBefore                     // "before 2025-01-31": some day before it
	PrecOnOrAfter                  // "on or after 2025-01-31": that day or later
)

// The string forms of the bounds.
const (
	beforeWord    = "before "
	onOrAfterWord = "on or after "
)

// UnmarshalTOML accepts a TOML local date (1979-05-27), or a string that
// says what part of a date is known: "2025", "2025-01", "before
// 2025-01-31", "on or after 2025-01-31". A quoted exact date ("2025-01-31")
// is an error: TOML has a date type for it, and decoding is strict.
func (d *Date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		// toml marks a local date with a zone of its own, named "date-local";
		// offset date-times, local date-times and local times are refused.
		if v.Location().String() != "date-local" {
			if v.Year() == 0 && v.Month() == 1 && v.Day() == 1 {
				return fmt.Errorf("expected a date like 2025-01-31, got a time of day")
			}
			return fmt.Errorf("expected a date like 2025-01-31, got a date with a time")
		}
		return d.set(Date{Year: v.Year(), Month: v.Month(), Day: v.Day()})
	case string:
		e, ok := parseInexact(v)
		if !ok {
			return fmt.Errorf("expected a date like 2025-01-31, got the string %q", v)
		}
		return d.set(e)
	}
	return fmt.Errorf("expected a date like 2025-01-31, got %s", typeName(v))
}

// parseInexact parses the string forms of a date not known to the day.
func parseInexact(s string) (Date, bool) {
	digits := func(s string) bool {
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case len(s) == 4 && digits(s):
		t, err := time.Parse("2006", s)
		return Date{t.Year(), time.January, 1, PrecYear}, err == nil
	case len(s) == 7 && s[4] == '-' && digits(s[:4]) && digits(s[5:]):
		t, err := time.Parse("2006-01", s)
		return Date{t.Year(), t.Month(), 1, PrecMonth}, err == nil
	}
	for _, b := range []struct {
		word string
		prec Precision
	}{{beforeWord, PrecBefore}, {onOrAfterWord, PrecOnOrAfter}} {
		if rest, ok := strings.CutPrefix(s, b.word); ok && len(rest) == len(time.DateOnly) {
			t, err := time.Parse(time.DateOnly, rest)
			return Date{t.Year(), t.Month(), t.Day(), b.prec}, err == nil
		}
	}
	return Date{}, false
}

// The dates Reckon accepts: a date outside them is a typing mistake
// (0000-01-01, 9999-12-31, a year with a digit missing).
var (
	MinDate = Date{Year: 1900, Month: time.January, Day: 1}
	MaxDate = Date{Year: 2100, Month: time.December, Day: 31}
)

// rangeError is the error of a date outside MinDate to MaxDate.
type rangeError struct{ d Date }

func (e rangeError) Error() string {
	return fmt.Sprintf("%s is not between %s and %s", e.d, MinDate, MaxDate)
}

// set sets d to e when e is between MinDate and MaxDate.
func (d *Date) set(e Date) error {
	if e.Before(MinDate) || MaxDate.Before(e) {
		return rangeError{e}
	}
	*d = e
	return nil
}

// ParseDate parses YYYY-MM-DD, a date between [MinDate] and [MaxDate].
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("expected a date like 2025-01-31, got %q", s)
	}
	var d Date
	err = d.set(Date{Year: t.Year(), Month: t.Month(), Day: t.Day()})
	return d, err
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// IsExact reports whether the date is known to the day.
func (d Date) IsExact() bool { return d.Prec == PrecDay }

// String formats the date as it is written in TOML: YYYY-MM-DD, or the
// inexact forms ("2025", "2025-01", "before 2025-01-31", "on or after
// 2025-01-31"); "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	day := fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	switch d.Prec {
	case PrecYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecBefore:
		return beforeWord + day
	case PrecOnOrAfter:
		return onOrAfterWord + day
	}
	return day
}

// ISO formats what is known of the date as ISO 8601, as Schema.org and
// HTML's datetime take it: "2025-01-31", "2025-01" or "2025"; "" for a
// bound, which ISO 8601 cannot say, and for the zero Date.
func (d Date) ISO() string {
	if d.Prec == PrecBefore || d.Prec == PrecOnOrAfter {
		return ""
	}
	return d.String()
}

// Time returns midnight UTC of the date's anchor day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	if d.valid() && e.valid() { // then their anchors are in the order of their fields
		return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
	}
	return d.Time().Compare(e.Time()) // time.Date normalizes the rest
}

// valid reports whether the anchor of d is a day of the calendar, so that
// [time.Date] leaves it as it is.
func (d Date) valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	if d.Day <= 28 {
		return true
	}
	switch d.Month {
	case time.February:
		leap := d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0)
		return d.Day == 29 && leap
	case time.April, time.June, time.September, time.November:
		return d.Day <= 30
	}
	return d.Day <= 31
}

// Earliest returns the earliest day the date can be: its anchor, or
// [MinDate] for a "before" bound.
func (d Date) Earliest() Date {
	if d.Prec == PrecBefore {
		return MinDate
	}
	return Date{d.Year, d.Month, d.Day, PrecDay}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// MarshalText formats the date as [Date.String] does, for JSON exports.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
