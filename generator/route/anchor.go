package route

import (
	"slices"
	"strings"
)

// The anchors of a topic's page: the row of each scope, component,
// parameter and formula of its model.
func ScopeID(name string) string     { return scopePrefix + name }
func ComponentID(name string) string { return componentPrefix + name }
func ParamID(name string) string     { return paramPrefix + name }
func FormulaID(name string) string   { return formulaPrefix + name }

// BridgeID is the id of the table of a bridge that ends at the scope to.
func BridgeID(to string) string { return bridgePrefix + to }

// SourceID is the anchor of a source on the sources page.
func SourceID(id string) string { return sourcePrefix + strings.ReplaceAll(id, "/", "--") }

// The prefixes of the anchors above, and of the charts' figures (package
// chart's ElementID).
const (
	chartPrefix     = "chart-"
	scopePrefix     = "scope-"
	componentPrefix = "component-"
	formulaPrefix   = "formula-"
	paramPrefix     = "param-"
	bridgePrefix    = "bridge-"
	sourcePrefix    = "src-"
)

// ImagesDir is the output folder of the images that commentary shows.
const ImagesDir = "images"

// ReservedPages returns the names the site uses for its own pages and
// folders, which no page may take.
func ReservedPages() []string {
	return []string{"404", "assets", "claims", "corrections", "data", "embed", ImagesDir, "sources", "topics"}
}

// ReservedIDs returns the element IDs that the site's pages use for their
// own sections; a heading whose automatic ID would be one of them, or of a
// form the pages use for their elements (see [Reserved]), gets a numeric
// suffix instead.
func ReservedIDs() []string {
	return []string{
		"analysis", "arithmetic", "article", "bridge", "bridges", "charts", "cite", "cite-text", "claim", "claims",
		"components", "content", "corrections", "data", "footer", "formulas", "latest-heading", "main", "menu",
		"methodology", "parameters", "ratings", "ratings-heading", "rules", "scale", "scopes", "sensitivity", "sources", "summary", "top",
		"topics-heading", "verdict", "verdicts-heading",
	}
}

// Reserved reports whether a heading may not take id: one of
// [ReservedIDs], or of a form the pages use for their own elements.
func Reserved(id string) bool {
	return slices.Contains(ReservedIDs(), id) || ReservedForm(id)
}

// ReservedForm reports whether id has a form the pages use for their own
// elements: it starts with chart-, scope-, component-, formula-, param-,
// bridge- or src-, or ends with -caption.
func ReservedForm(id string) bool {
	for _, p := range []string{chartPrefix, scopePrefix, componentPrefix, formulaPrefix, paramPrefix, bridgePrefix, sourcePrefix} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return strings.HasSuffix(id, "-caption")
}
