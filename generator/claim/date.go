package claim

import (
	"fmt"
	"time"

	"reckon/generator/diag"
)

// Pos is a position in an input file.
type Pos = diag.Pos

// Date is a civil date with no time zone. TOML local dates decode into it
// at once, so that the machine's time zone never shifts a day.
// The zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// UnmarshalTOML accepts a TOML local date (1979-05-27). A quoted string is
// an error even when it reads as a date: TOML has a date type, and decoding
// is strict.
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
		return d.set(Date{v.Year(), v.Month(), v.Day()})
	case string:
		return fmt.Errorf("expected a date like 2025-01-31, got the string %q", v)
	}
	return fmt.Errorf("expected a date like 2025-01-31, got %s", typeName(v))
}

// The dates Reckon accepts: a date outside them is a typing mistake
// (0000-01-01, 9999-12-31, a year with a digit missing).
var (
	MinDate = Date{1900, time.January, 1}
	MaxDate = Date{2100, time.December, 31}
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
	err = d.set(Date{t.Year(), t.Month(), t.Day()})
	return d, err
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.Time().Compare(e.Time()) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// MarshalText formats the date as YYYY-MM-DD, for JSON exports.
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
