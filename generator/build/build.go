package build

import (
	"fmt"
	"io/fs"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/diag"
)

// Version is the version of reckon.
const Version = "0.1.0"

// Result is what load and compute produced.
type Result struct {
	Set     *claim.Set
	Results *costmodel.Results
	// Unpublished is what was left out of Set as published after the
	// build's date.
	Unpublished Unpublished
	files       map[string][]byte
	editions    []edition // the site's other editions, loaded (see loadEditions)
	// Untranslated are the texts and documents that the editions with
	// fallback = true show in the main language, each at the text (or at
	// the top of the main document), sorted (see claim.Set.Untranslated).
	Untranslated diag.List
	// summary is what Summary says of a site that was not loaded: the
	// build found its output up to date (see [Run]).
	summary string
}

// Files returns every input file read, by path, for error context.
func (r *Result) Files() map[string][]byte {
	if r == nil {
		return nil
	}
	return r.files
}

// Check loads, validates and reconciles the claims of fsys (not the
// commentary: see [Validate]), every claim included whatever its published
// date. On error the Result still holds the files read, so that errors can
// be shown in context, and the Set what of the claims loaded (see
// [claim.Load]), with no Results.
func Check(fsys fs.FS) (*Result, error) { return check(fsys, claim.Date{}) }

// check is [Check], but it leaves out the topics and claims published after
// now, unless now is the zero Date.
func check(fsys fs.FS, now claim.Date) (*Result, error) {
	set, err := claim.Load(fsys, "claims")
	r := &Result{Set: set, files: set.Files}
	if err != nil {
		return r, err
	}
	if !now.IsZero() {
		r.Unpublished = leaveOut(set, now)
	}
	res, err := costmodel.Compute(set, costmodel.Options{}) // the site's settings
	if err != nil {
		return r, err
	}
	r.Results = res
	return r, nil
}

// Summary says in one line what was checked.
func (r *Result) Summary() string {
	if r.Set == nil {
		return r.summary
	}
	claims, scopes := 0, 0
	for _, t := range r.Set.Topics {
		claims += len(t.Claims)
		scopes += len(t.Model.Scopes)
	}
	return fmt.Sprintf("%d topics, %d claims, %d sources, %d scopes", len(r.Set.Topics), claims, len(r.Set.Sources), scopes)
}
