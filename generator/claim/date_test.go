package claim

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestDateCompare checks Compare against the order of the dates' anchors as
// times, for dates of the calendar and for fields out of range, which
// time.Date normalizes (31 April is 1 May), around the ends of months and
// of leap and common years.
func TestDateCompare(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	years := []int{0, 1, 1900, 1999, 2000, 2023, 2024, 2100, 2400, -4, -1}
	date := func() Date {
		return Date{
			Year:  years[rng.IntN(len(years))],
			Month: time.Month(rng.IntN(14)), // 0 and 13 are out of range
			Day:   []int{0, 1, 28, 29, 30, 31, 32}[rng.IntN(7)],
			Prec:  Precision(rng.IntN(5)),
		}
	}
	for range 200000 {
		d, e := date(), date()
		if got, want := d.Compare(e), d.Time().Compare(e.Time()); got != want {
			t.Fatalf("%+v.Compare(%+v) = %d, want %d", d, e, got, want)
		}
	}
	if !(Date{2024, time.February, 29, PrecDay}).valid() || (Date{2023, time.February, 29, PrecDay}).valid() {
		t.Error("29 February: valid in 2024 only")
	}
}
