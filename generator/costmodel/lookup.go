package costmodel

// Component returns the result of the component called name, from the
// first scope that has it, or nil.
func (t *Topic) Component(name string) *Component {
	for _, s := range t.Scopes {
		for _, c := range s.Components {
			if c.Component.Name == name {
				return c
			}
		}
	}
	return nil
}
