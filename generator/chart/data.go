package chart

import (
	"math"
	"strconv"
)

// Table is a chart's data as text: what a page shows in place of the chart
// to a reader without JavaScript or with a screen reader.
type Table struct {
	Caption string
	Header  []string   // one per column
	Rows    [][]string // each as long as Header; the first cell names the row
	Numeric []bool     // per column: true for numbers, which a page aligns to the end
}

// dataset is a chart's data for machines: named columns and rows of
// strings and numbers, written as CSV and JSON.
type dataset struct {
	Columns []string
	Rows    [][]cell
}

// cell is a cell of a dataset: text, a number (a non-finite one is
// empty), or empty.
type cell struct {
	kind byte // cellText, cellNumber or 0, empty
	text string
	num  float64
}

const (
	cellText = 1 + iota
	cellNumber
)

// add adds a row of cells, each a string, a float64, or anything else for
// an empty cell.
func (d *dataset) add(cells ...any) {
	row := make([]cell, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case string:
			row[i] = cell{kind: cellText, text: v}
		case float64:
			row[i] = cell{kind: cellNumber, num: v}
		}
	}
	d.Rows = append(d.Rows, row)
}

// csv writes the dataset as CSV (RFC 4180, with LF line ends): UTF-8, a
// header row, fields quoted when they hold a comma, a quote, a line break
// or space at either end. A text cell that a spreadsheet would read as a
// formula (starting with =, +, -, @, a tab or a carriage return) is
// prefixed with an apostrophe. Numbers are written as plain decimals and
// never prefixed.
func (d *dataset) csv() []byte {
	var b []byte
	for i, c := range d.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, defuse(c))
	}
	b = append(b, '\n')
	for _, row := range d.Rows {
		for i, c := range row {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCSVCell(b, c)
		}
		b = append(b, '\n')
	}
	return b
}

func appendCSVField(b []byte, s string) []byte {
	if s == "" || !csvQuoted(s) && s[0] != ' ' && s[len(s)-1] != ' ' && s[0] != '\t' {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendCSVCell appends a cell: a number as a plain decimal, never quoted
// (its characters need no quotes), a non-finite number as empty, text
// defused and quoted as it needs.
func appendCSVCell(b []byte, c cell) []byte {
	switch c.kind {
	case cellNumber:
		if math.IsInf(c.num, 0) || math.IsNaN(c.num) {
			return b
		}
		return appendNumber(b, c.num)
	case cellText:
		return appendCSVField(b, defuse(c.text))
	}
	return b
}

// defuse keeps a spreadsheet from reading text as a formula.
func defuse(s string) string {
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}

// csvQuoted reports whether s holds a comma, a quote or a line break, as
// strings.ContainsAny(s, ",\"\r\n") does.
func csvQuoted(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}

// appendNumber appends a number for machines: the shortest decimal that
// reads back as the same float64, without an exponent for ordinary sizes.
func appendNumber(b []byte, v float64) []byte {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// meta heads a chart's JSON download.
type meta struct {
	ID, Kind, Topic, Title, Caption, Currency string
}

// json writes the dataset as an object: the chart's metadata, then "rows",
// an array of objects whose keys follow the columns' order. A non-finite
// number is null. The output is indented with two spaces, and escapes <, >
// and & as encoding/json does.
func (d *dataset) json(m meta) []byte {
	b := make([]byte, 0, 256+64*len(d.Rows)*len(d.Columns))
	b = append(b, "{\n"...)
	for _, kv := range [][2]string{{"id", m.ID}, {"kind", m.Kind}, {"topic", m.Topic}, {"title", m.Title}, {"caption", m.Caption}, {"currency", m.Currency}} {
		b = append(b, `  "`...)
		b = append(b, kv[0]...)
		b = append(b, `": `...)
		b = appendJSONString(b, kv[1])
		b = append(b, ",\n"...)
	}
	b = append(b, `  "columns": [`...)
	for i, c := range d.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendJSONString(b, c)
	}
	b = append(b, "\n  ],\n  \"rows\": ["...)
	for i, row := range d.Rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {"...)
		for j, c := range row {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n      "...)
			b = appendJSONString(b, d.Columns[j])
			b = append(b, ": "...)
			switch {
			case c.kind == cellNumber && finite(c.num):
				b = appendNumber(b, c.num)
			case c.kind == cellText:
				b = appendJSONString(b, c.text)
			default:
				b = append(b, "null"...)
			}
		}
		b = append(b, "\n    }"...)
	}
	if len(d.Rows) > 0 {
		b = append(b, "\n  "...)
	}
	return append(b, "]\n}\n"...)
}
