package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"reflect"
	"slices"
	"sync"
)

// A Key names the bytes of one page: the SHA-256 of everything a page is
// made from once its view is made. A page is its template executed on its
// view, so two pages of the same key made by the same binary are the same
// bytes, and a page made once need not be made again (see [Input.Reuse]).
//
// The key covers [keyVersion], the kind of the page and the name of its
// file, the bytes of every template and interface-string file the
// templates were parsed from (and those found missing), the language and
// the number system, and a canonical encoding of the view (see
// [viewEncoder]). It does not cover the program that renders: the caller
// of [Stream] adds that (package build hashes the binary).
type Key [sha256.Size]byte

// keyVersion names the form of the key: it changes whenever the encoding
// of views does.
const keyVersion = 1

// readDigest returns the SHA-256 of the files that parsing read, in the
// order read: each one's name, whether it was missing, and its bytes.
func readDigest(read []readFile) [sha256.Size]byte {
	h := sha256.New()
	var b []byte
	for _, f := range read {
		b = binary.AppendUvarint(b[:0], uint64(len(f.name)))
		b = append(b, f.name...)
		if f.missing {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			b = binary.AppendUvarint(b, uint64(len(f.data)))
		}
		h.Write(b)
		h.Write(f.data)
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// keyHead is what the key of every page of a render starts with: the
// form of the key, the files the templates ts were parsed from, the
// language lang and the number system digits.
func keyHead(ts *templates, lang, digits string) []byte {
	e := &viewEncoder{}
	e.b = append(e.b, "reckon page\x00"...)
	e.b = binary.AppendUvarint(e.b, keyVersion)
	e.b = append(e.b, ts.source[:]...)
	e.str(lang)
	e.str(digits)
	return e.b
}

// pageKey returns the key of the page of kind in the file name, made from
// view, or false when the view holds something that has no canonical
// encoding (a func, a channel, an unsafe pointer), which no view does.
// It is safe for concurrent use.
func (r *renderer) pageKey(kind, name string, view any) (Key, bool) {
	e := encoders.Get().(*viewEncoder)
	defer e.release()
	e.b = append(e.b, r.keyHead...)
	e.str(kind)
	e.str(name)
	if !e.encodeAny(reflect.ValueOf(view)) {
		return Key{}, false
	}
	return e.sum(), true
}

// reused returns the page of kind at path p, made from view, when
// [Input.Reuse] has it; nil otherwise, when the page is to be rendered.
func (r *renderer) reused(kind, p string, view any) []byte {
	if r.in.Reuse == nil {
		return nil
	}
	name := r.u.File(p)
	k, ok := r.pageKey(kind, name, view)
	if !ok {
		return nil
	}
	return r.in.Reuse(name, k)
}

// A viewEncoder writes the canonical encoding of a value into a SHA-256:
// the value's type by name, then every field of every struct in order,
// each element of a slice or array with their count (and whether a slice
// is nil), each entry of a map in the order of the encodings of their
// keys, the value a pointer points to (a pointer back to a value that
// holds it, by how far up it is), and the dynamic type of an interface by
// name with its value. Strings and counts carry their length, so no two
// values of one type have the same encoding, and naming the type where it
// is not known from its place (at the top, in an interface) keeps values
// of two types apart. It is the key of what [reflect.DeepEqual] compares,
// but finer: values that DeepEqual takes for equal may encode apart (0
// and -0, a NaN's bits), never the other way round.
type viewEncoder struct {
	b    []byte
	h    hash.Hash
	path []uintptr // the pointers followed to reach the value being encoded
}

// flushAt is the size of the buffer above which it is hashed and emptied.
const flushAt = 32 << 10

var encoders = sync.Pool{New: func() any { return &viewEncoder{b: make([]byte, 0, 2*flushAt), h: sha256.New()} }}

func (e *viewEncoder) release() {
	e.b, e.path = e.b[:0], e.path[:0]
	e.h.Reset()
	encoders.Put(e)
}

func (e *viewEncoder) sum() Key {
	e.h.Write(e.b)
	e.b = e.b[:0]
	var k Key
	e.h.Sum(k[:0])
	return k
}

func (e *viewEncoder) flush() {
	if len(e.b) >= flushAt && e.h != nil {
		e.h.Write(e.b)
		e.b = e.b[:0]
	}
}

func (e *viewEncoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	if len(s) >= flushAt && e.h != nil {
		e.h.Write(e.b)
		e.b = e.b[:0]
		e.h.Write([]byte(s)) // a copy, of a string rarely this large
		return
	}
	e.b = append(e.b, s...)
	e.flush()
}

// typeName writes the name of t: its package's path and its name, or its
// description for a type without a name ([]string, *site.Figure).
func (e *viewEncoder) typeName(t reflect.Type) {
	if t.Name() != "" && t.PkgPath() != "" {
		e.str(t.PkgPath() + "." + t.Name())
		return
	}
	e.str(t.String())
}

// encodeAny writes the type of v and v; an invalid v (a nil interface)
// is written as none.
func (e *viewEncoder) encodeAny(v reflect.Value) bool {
	if !v.IsValid() {
		e.b = append(e.b, 0)
		return true
	}
	e.b = append(e.b, 1)
	e.typeName(v.Type())
	return e.encode(v)
}

// encode writes v, whose type is known from its place.
func (e *viewEncoder) encode(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		e.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			e.b = append(e.b, 1)
		} else {
			e.b = append(e.b, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = binary.AppendVarint(e.b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.b = binary.AppendUvarint(e.b, v.Uint())
	case reflect.Float32, reflect.Float64:
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(real(c)))
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(imag(c)))
	case reflect.Struct:
		for i := range v.NumField() {
			if !e.encode(v.Field(i)) {
				return false
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return true
		}
		e.b = append(e.b, 1)
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.str(string(v.Bytes()))
			return true
		}
		return e.elems(v)
	case reflect.Array:
		return e.elems(v)
	case reflect.Pointer:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return true
		}
		p := v.Pointer()
		if i := slices.Index(e.path, p); i >= 0 {
			e.b = append(e.b, 2)
			e.b = binary.AppendUvarint(e.b, uint64(len(e.path)-i))
			return true
		}
		e.b = append(e.b, 1)
		e.path = append(e.path, p)
		ok := e.encode(v.Elem())
		e.path = e.path[:len(e.path)-1]
		return ok
	case reflect.Interface:
		return e.encodeAny(v.Elem())
	case reflect.Map:
		return e.entries(v)
	default: // func, chan, unsafe pointer
		return false
	}
	return true
}

// elems writes the elements of a slice or an array, with their count.
func (e *viewEncoder) elems(v reflect.Value) bool {
	n := v.Len()
	e.b = binary.AppendUvarint(e.b, uint64(n))
	for i := range n {
		if !e.encode(v.Index(i)) {
			return false
		}
		e.flush()
	}
	return true
}

// entries writes the entries of a map (nil or not), in the order of the
// encodings of their keys.
func (e *viewEncoder) entries(v reflect.Value) bool {
	if v.IsNil() {
		e.b = append(e.b, 0)
		return true
	}
	e.b = append(e.b, 1)
	type entry struct{ k, v []byte }
	var es []entry
	sub := &viewEncoder{path: e.path} // without a hash: it holds each encoding whole
	for it := v.MapRange(); it.Next(); {
		var x entry
		sub.b = nil
		if !sub.encode(it.Key()) {
			return false
		}
		x.k = sub.b
		sub.b = nil
		if !sub.encode(it.Value()) {
			return false
		}
		x.v = sub.b
		es = append(es, x)
	}
	slices.SortFunc(es, func(a, b entry) int { return bytes.Compare(a.k, b.k) })
	e.b = binary.AppendUvarint(e.b, uint64(len(es)))
	for _, x := range es {
		e.str(string(x.k))
		e.str(string(x.v))
	}
	return true
}
