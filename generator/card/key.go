package card

import (
	"crypto/sha256"
	"encoding/binary"
)

// Version names the drawing and the encoding of cards: it must change
// whenever a change to this package changes the bytes [Painter.Draw] makes
// of some card, so that a [Key] made before the change never names a card
// drawn after it. TestVersion keeps a list of the bytes of a few reference
// cards under the Version that drew them, and fails when they change while
// Version did not.
const Version = 2

// A Key names the bytes of one card: the SHA-256 of [Version], of the
// fonts and of every field of the [Card]. Two cards of the same key drawn
// with the same package give the same bytes, so that a card drawn once
// need not be drawn again.
type Key [sha256.Size]byte

// fontsDigest returns the SHA-256 of the fonts, each file with its length,
// in the order of the fields of [Fonts].
func fontsDigest(f Fonts) [sha256.Size]byte {
	h := sha256.New()
	for _, data := range [][]byte{f.Regular, f.Bold, f.ArabicRegular, f.ArabicBold} {
		h.Write(binary.AppendUvarint(nil, uint64(len(data))))
		h.Write(data)
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// Fonts returns the SHA-256 of the fonts p draws with, each file with its
// length, in the order of the fields of [Fonts]; with [Version], it is
// what a card's bytes depend on besides the card.
func (p *Painter) Fonts() [sha256.Size]byte { return p.fonts }

// Key returns the key of c drawn by p. It is cheap next to drawing c (a
// hash of its text) and safe for concurrent use.
func (p *Painter) Key(c Card) Key {
	b := make([]byte, 0, 512)
	b = append(b, "reckon card\x00"...)
	b = binary.AppendUvarint(b, Version)
	b = append(b, p.fonts[:]...)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(c.Lang)
	if c.RTL {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	str(c.Kicker)
	str(c.Title)
	b = binary.AppendUvarint(b, uint64(len(c.Badges)))
	for _, x := range c.Badges {
		str(x.Text)
		b = binary.AppendVarint(b, int64(x.Band))
	}
	b = binary.AppendUvarint(b, uint64(len(c.Facts)))
	for _, x := range c.Facts {
		str(x.Label)
		str(x.Value)
	}
	str(c.Byline)
	str(c.Footer)
	return sha256.Sum256(b)
}
