package content

import (
	"slices"
	"strings"
)

// RefTopics returns the topics that the document's references name (the
// TOPIC of {{claim TOPIC/NAME}}, {{value TOPIC ...}} and {{chart TOPIC
// ...}}), sorted, each once: what its page shows of other topics. Images
// name no topic.
func (d *Doc) RefTopics() []string {
	var out []string
	for _, r := range d.refs {
		if r.kind == Image || len(r.args) == 0 {
			continue
		}
		t, _, _ := strings.Cut(r.args[0], "/")
		out = append(out, t)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Charts returns the charts that the document places ({{chart TOPIC
// NAME}}), by ID ("TOPIC/NAME"), in document order.
func (d *Doc) Charts() []string {
	var out []string
	for _, r := range d.refs {
		if r.kind == Chart && len(r.args) == 2 {
			out = append(out, r.args[0]+"/"+r.args[1])
		}
	}
	return out
}
