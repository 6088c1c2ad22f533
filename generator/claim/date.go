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
		*d = Date{v.Year(), v.Month(), v.Day()}
		return nil
	case string:
		return fmt.Errorf("expected a date like 2025-01-31, got the string %q", v)
	}
	return fmt.Errorf("expected a date like 2025-01-31, got %s", typeName(v))
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("expected a date like 2025-01-31, got %q", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
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
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
