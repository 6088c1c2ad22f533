package site

// Isolate is isolate, for the tests of package site_test.
var Isolate = isolate
