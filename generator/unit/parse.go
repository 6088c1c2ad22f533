package unit

import (
	"fmt"
	"strconv"
	"strings"
)

// maxDepth bounds the nesting of parentheses.
const maxDepth = 32

// token kinds; single-character operators use the character itself.
const (
	tokEOF    = 0
	tokName   = 'a'
	tokNumber = '0'
)

type token struct {
	kind byte   // tokEOF, tokName, tokNumber, or one of * / ( ) ^, or '?' for anything else
	text string // the token as written
	off  int    // byte offset in the input
}

// parser is a recursive-descent parser over the input of Parse.
type parser struct {
	src   string
	pos   int // offset of the next unread byte
	tok   token
	depth int
}

// parse returns the exponent of each base unit of s.
func parse(s string) (map[string]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, &Error{Offset: 0, Msg: "empty unit"}
	}
	p := &parser{src: s}
	p.next()
	e, err := p.product()
	if err != nil {
		return nil, err
	}
	switch p.tok.kind {
	case tokEOF:
		return e, nil
	case ')':
		return nil, p.errorf(`unexpected ")"`)
	}
	return nil, p.errorf(`expected "*" or "/", found %s`, p.tok)
}

// product parses term { ("*" | "/") term }.
func (p *parser) product() (map[string]int, error) {
	e, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == '*' || p.tok.kind == '/' {
		sign := 1
		if p.tok.kind == '/' {
			sign = -1
		}
		p.next()
		f, err := p.term()
		if err != nil {
			return nil, err
		}
		for name, n := range f {
			e[name] += sign * n
		}
	}
	return e, nil
}

// term parses name [ "^" integer ] | "1" | "(" product ")".
func (p *parser) term() (map[string]int, error) {
	t := p.tok
	switch {
	case t.kind == tokName:
		p.next()
		exp := 1
		if p.tok.kind == '^' {
			n, err := p.exponent()
			if err != nil {
				return nil, err
			}
			exp = n
		}
		return map[string]int{t.text: exp}, nil
	case t.kind == tokNumber && t.text == "1":
		p.next()
		return map[string]int{}, nil
	case t.kind == '(':
		if p.depth == maxDepth {
			return nil, p.errorf("too many nested parentheses")
		}
		p.depth++
		p.next()
		e, err := p.product()
		if err != nil {
			return nil, err
		}
		switch p.tok.kind {
		case ')':
			p.depth--
			p.next()
			return e, nil
		case tokEOF:
			return nil, &Error{Offset: t.off, Msg: `unclosed "("`}
		}
		return nil, p.errorf(`expected "*", "/" or ")", found %s`, p.tok)
	}
	return nil, p.errorf("expected a unit name, found %s", t)
}

// exponent parses the integer after the current "^" token. It reads bytes
// directly, since a sign is not a token elsewhere.
func (p *parser) exponent() (int, error) {
	p.skipSpace()
	start := p.pos
	end := start
	if end < len(p.src) && (p.src[end] == '-' || p.src[end] == '+') {
		end++
	}
	digits := end
	for end < len(p.src) && isDigit(p.src[end]) {
		end++
	}
	if end == digits {
		p.pos = start
		p.next()
		return 0, p.errorf("expected an integer exponent, found %s", p.tok)
	}
	text := p.src[start:end]
	n, err := strconv.Atoi(text)
	if err != nil || n > maxExp || n < -maxExp {
		return 0, &Error{Offset: start, Msg: fmt.Sprintf("exponent %s is out of range (at most %d)", text, maxExp)}
	}
	p.pos = end
	p.next()
	return n, nil
}

// next reads the next token into p.tok.
func (p *parser) next() {
	p.skipSpace()
	start := p.pos
	if start == len(p.src) {
		p.tok = token{kind: tokEOF, off: start}
		return
	}
	c := p.src[start]
	end := start + 1
	kind := byte('?')
	switch {
	case isLetter(c):
		kind = tokName
		for end < len(p.src) && (isLetter(p.src[end]) || isDigit(p.src[end]) || p.src[end] == '_' || p.src[end] == '-') {
			end++
		}
	case isDigit(c):
		kind = tokNumber
		for end < len(p.src) && isDigit(p.src[end]) {
			end++
		}
	case strings.IndexByte("*/()^", c) >= 0:
		kind = c
	default:
		// Take a whole UTF-8 sequence, so the message quotes a character.
		for end < len(p.src) && p.src[end]&0xC0 == 0x80 {
			end++
		}
	}
	p.tok = token{kind: kind, text: p.src[start:end], off: start}
	p.pos = end
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

// errorf returns an error at the current token.
func (p *parser) errorf(format string, args ...any) error {
	return &Error{Offset: p.tok.off, Msg: fmt.Sprintf(format, args...)}
}

// String describes t for error messages.
func (t token) String() string {
	if t.kind == tokEOF {
		return "end of unit"
	}
	return strconv.Quote(t.text)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
