// Package build runs Reckon's stages in order (load, validate, compute,
// render, write) and is the only package that writes files.
//
// It may import: chart, claim, content, costmodel, diag, explain, input,
// publish, route, site, spell and text.
package build
