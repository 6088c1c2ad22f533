package content

import (
	"fmt"
	"testing"
	"testing/fstest"
)

func TestScratch(t *testing.T) {
	fsys := fstest.MapFS{
		"content/topics/deepseek.md": {Data: []byte("+++\ntitle = \"X\"\n+++\n## Intro\n\nThe run cost {{value deepseek run}} ({{value deepseek run range}}), says {{claim deepseek/v3}}.\n\n{{chart deepseek ladder}}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nNote[^1] \"quoted\" -- dash <script>alert(1)</script> [x](javascript:alert(1)) ![i](data:text/html,xx) \\{{literal}}\n\n[^1]: foot\n\n## Methodology\n")},
	}
	s, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Render(s.Topic("deepseek"), func(kind string, args []string) (Ref, error) {
		return Ref{Text: kind + ":" + fmt.Sprint(args), Value: "1", URL: "/x/", HTML: "<figure>F</figure>"}, nil
	})
	fmt.Println(h, err)
}
