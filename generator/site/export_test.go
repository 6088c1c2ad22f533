package site

// Isolate is isolate, for the tests of package site_test.
var Isolate = isolate

// ForgetTemplates drops the templates m parsed, so that a test can see
// which pages the next Stream renders by giving it other templates.
func ForgetTemplates(m *Memo) { m.texts, m.tmpl = nil, nil }
