package site

import (
	"reflect"
	"testing"
)

// The layouts read a page's fields through .Page, not through its view
// (see layout.html): the same only while no view has a field of its own
// under the name of one of Page's.
func TestViewsDoNotShadowPage(t *testing.T) {
	page := reflect.TypeFor[Page]()
	// TopicView.Published is the topic's Date, whose ISO form is what
	// Page.Published holds: a topic's published date is required and exact.
	allowed := map[string]bool{"TopicView.Published": true}
	views := []reflect.Type{
		reflect.TypeFor[HomeView](), reflect.TypeFor[TopicView](), reflect.TypeFor[ClaimView](),
		reflect.TypeFor[SourcesView](), reflect.TypeFor[CorrectionsView](), reflect.TypeFor[PageView](),
		reflect.TypeFor[NotFoundView](), reflect.TypeFor[EmbedView](),
	}
	for _, v := range views {
		if f, ok := v.FieldByName("Page"); !ok || !f.Anonymous || f.Type != page {
			t.Errorf("%s does not embed Page", v.Name())
		}
		if n := reflect.PointerTo(v).NumMethod(); n > 0 {
			t.Errorf("%s has %d methods, which the templates would reach before Page's fields", v.Name(), n)
		}
		for i := range v.NumField() {
			f := v.Field(i)
			if _, ok := page.FieldByName(f.Name); ok && !f.Anonymous && !allowed[v.Name()+"."+f.Name] {
				t.Errorf("%s.%s hides Page.%s from the templates", v.Name(), f.Name, f.Name)
			}
		}
	}
}
