package claim

// The enumerated fields of the files. Each type has one list of its values
// (the function named after it in the plural), which validation checks
// against and the other stages read; a value that is not in the list never
// gets past [Load].

// Qualifier says how a figure was worded: exactly, about, or as a bound.
type Qualifier string

// Qualifiers.
const (
	Exact    Qualifier = "exact" // the default
	About    Qualifier = "about"
	MoreThan Qualifier = "more-than"
	AtLeast  Qualifier = "at-least"
	LessThan Qualifier = "less-than"
	AtMost   Qualifier = "at-most"
)

// Qualifiers returns every qualifier, in the order the docs list them.
func Qualifiers() []Qualifier { return []Qualifier{Exact, About, MoreThan, AtLeast, LessThan, AtMost} }

// SourceKind says what a source is to the claims it supports.
type SourceKind string

// Source kinds.
const (
	Primary   SourceKind = "primary"
	Secondary SourceKind = "secondary"
	Estimated SourceKind = "estimate" // an analyst's estimate
)

// SourceKinds returns every source kind.
func SourceKinds() []SourceKind { return []SourceKind{Primary, Secondary, Estimated} }

// Distribution is the shape of a range parameter.
type Distribution string

// Distributions of a range.
const (
	Uniform    Distribution = "uniform" // the default
	Triangular Distribution = "triangular"
	Normal     Distribution = "normal"
	Lognormal  Distribution = "lognormal"
)

// Distributions returns every distribution.
func Distributions() []Distribution { return []Distribution{Uniform, Triangular, Normal, Lognormal} }

// ClaimantKind says whether a claimant is a person or an organisation.
type ClaimantKind string

// Claimant kinds.
const (
	Person       ClaimantKind = "person"
	Organization ClaimantKind = "organization" // the default
)

// ClaimantKinds returns every claimant kind.
func ClaimantKinds() []ClaimantKind { return []ClaimantKind{Person, Organization} }
