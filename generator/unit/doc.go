// Package unit implements dimensional units for cost-model quantities, such
// as USD, GPU-h or USD/GPU-h, and their algebra.
//
// It may import nothing of Reckon.
//
// # Grammar
//
//	unit    = term { ("*" | "/") term }
//	term    = name [ "^" integer ] | "1" | "(" unit ")"
//	name    = letter { letter | digit | "_" | "-" }
//	integer = [ "-" | "+" ] digit { digit }     (at most 99 in magnitude)
//
// Operators apply from left to right, so a/b*c means a*c/b and a/(b*c) needs
// the parentheses. Spaces may surround operators. A hyphen belongs to the
// name: GPU-h is one base unit, distinct from GPU*h.
//
// # Canonical form
//
// A [Unit] is kept in canonical form, so two units are equal exactly when
// their [Unit.String] forms are equal, and Unit values compare with ==.
// The form lists the base units with a positive exponent, sorted by name
// (byte order), joined by "*"; then "/" and those with a negative exponent,
// in parentheses when there are several; exponents other than 1 are written
// as ^N. Base units whose exponents cancel disappear. Examples:
//
//	GPU-h*USD/GPU-h  -> USD
//	kW*h/GPU         -> h*kW/GPU
//	USD/GPU/h        -> USD/(GPU*h)
//	h^-1             -> 1/h
//
// The zero Unit is dimensionless and prints as "1".
//
// # Currencies
//
// A base unit named by an ISO 4217 code (USD, CNY, EUR) is a currency; see
// [IsCurrency] and [Unit.Currency]. Other names, GPU or kWh, are units of
// things, whatever their length.
package unit
