package site

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"
)

func TestWriteArgLikeFmt(t *testing.T) {
	for _, v := range []any{"text", "", 0, -42, 7, int64(3), 2.5, template.HTML("<b>"), time.Second, errors.New("e"), nil, []string{"a"}} {
		var b strings.Builder
		writeArg(&b, v)
		if want := fmt.Sprint(v); b.String() != want {
			t.Errorf("writeArg(%#v) = %q, want %q", v, b.String(), want)
		}
	}
}
