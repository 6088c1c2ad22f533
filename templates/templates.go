// Package templates holds Reckon's default templates, interface strings and
// static assets, embedded in the binary so that a site without its own
// templates folder still builds. A site's templates/ folder is laid over
// them (see site.Overlay): a file there replaces the default of the same
// name. What each file holds is described in the doc of package site.
package templates

import "embed"

// FS holds layout.html, partials.html, one KIND.html per page kind,
// i18n/*.toml and assets/.
//
//go:embed *.html i18n assets
var FS embed.FS
