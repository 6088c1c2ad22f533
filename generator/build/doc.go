// Package build runs Reckon's stages in order (load, validate, compute,
// render, write) and is the only package that writes files.
//
// It may import: card, chart, claim, content, costmodel, diag, input,
// internal/pool, publish, route, site, text and reckon/schemas.
package build
