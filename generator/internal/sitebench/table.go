//go:build linux

package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
)

// writeTable writes the rows as a Markdown table: each tool's medians and
// their ratio.
func writeTable(w io.Writer, rows []row, hugo bool) {
	fmt.Fprintln(w, "| work | Reckon | Hugo | Reckon / Hugo |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, r := range rows {
		if len(r.reckon) == 0 {
			continue
		}
		rm, hm := median(r.reckon), median(r.hugo)
		var rc, hc, ratio string
		switch {
		case r.memory:
			rc, hc = mib(rm.rss), mib(hm.rss)
			ratio = times(float64(rm.rss), float64(hm.rss)) + " memory"
		case r.latency:
			rc, hc = spread(r.reckon, r.once), spread(r.hugo, r.once)
			ratio = times(rm.wall.Seconds(), hm.wall.Seconds())
		default:
			rc, hc = rm.cell(), hm.cell()
			ratio = fmt.Sprintf("%s wall, %s CPU, %s memory",
				times(rm.wall.Seconds(), hm.wall.Seconds()), times(rm.cpu.Seconds(), hm.cpu.Seconds()), times(float64(rm.rss), float64(hm.rss)))
		}
		if !hugo || len(r.hugo) == 0 {
			hc, ratio = "", ""
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.work, rc, hc, ratio)
	}
}

// median returns the median of each field of ms on its own.
func median(ms []measure) measure {
	if len(ms) == 0 {
		return measure{}
	}
	pick := func(f func(measure) int64) int64 {
		v := make([]int64, len(ms))
		for i, m := range ms {
			v[i] = f(m)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return measure{
		wall:  time.Duration(pick(func(m measure) int64 { return int64(m.wall) })),
		cpu:   time.Duration(pick(func(m measure) int64 { return int64(m.cpu) })),
		sys:   time.Duration(pick(func(m measure) int64 { return int64(m.sys) })),
		rss:   pick(func(m measure) int64 { return m.rss }),
		files: int(pick(func(m measure) int64 { return int64(m.files) })),
		pages: int(pick(func(m measure) int64 { return int64(m.pages) })),
	}
}

// cell describes a build: "6.40 s wall, 10.7 s CPU (2.10 s system),
// 735 MiB, 3,202 pages/s, 20,504 pages, 51,816 files".
func (m measure) cell() string {
	rate := 0.0
	if m.wall > 0 {
		rate = float64(m.pages) / m.wall.Seconds()
	}
	return fmt.Sprintf("%s wall, %s CPU (%s system), %s, %s pages/s, %s pages, %s files",
		seconds(m.wall), seconds(m.cpu), seconds(m.sys), mib(m.rss), count(int(rate+0.5)), count(m.pages), count(m.files))
}

// spread gives the median of latencies, their range and their number:
// "3.50 s (3.41-4.20, 3 edits)"; only the time when once is set.
func spread(ms []measure, once bool) string {
	if len(ms) == 0 {
		return ""
	}
	if once {
		return seconds(median(ms).wall)
	}
	lo, hi := ms[0].wall, ms[0].wall
	for _, m := range ms {
		lo, hi = min(lo, m.wall), max(hi, m.wall)
	}
	return fmt.Sprintf("%s (%s-%s, %d edits)", seconds(median(ms).wall), trimUnit(seconds(lo)), trimUnit(seconds(hi)), len(ms))
}

func trimUnit(s string) string { return s[:len(s)-2] }

// seconds formats a duration with three significant digits: "0.683 s",
// "6.40 s", "31.7 s".
func seconds(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s < 1:
		return fmt.Sprintf("%.3f s", s)
	case s < 10:
		return fmt.Sprintf("%.2f s", s)
	}
	return fmt.Sprintf("%.1f s", s)
}

func mib(b int64) string { return count(int((b+1<<19)>>20)) + " MiB" }

// times gives a ratio: "2.4x".
func times(a, b float64) string {
	if b == 0 {
		return ""
	}
	if r := a / b; r >= 10 {
		return fmt.Sprintf("%.0fx", r)
	}
	return fmt.Sprintf("%.2gx", a/b)
}

// count writes n with thousands separators: 51,816.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
