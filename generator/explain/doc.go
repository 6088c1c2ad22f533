// Package explain writes a claim's reconciliation as plain text for a
// terminal: the claim, the model's estimate for its scope, the verdict with
// its reasons, and the bridges to the topic's other scopes.
//
// It may import: claim, costmodel, spell and text.
package explain
