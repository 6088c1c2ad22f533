package text

import (
	"encoding/json"
	"testing"
)

// TestScriptNumbers checks what a chart's script is given to write axis
// labels as the text writes amounts, in English, Arabic and for a
// currency without a frame of its own.
func TestScriptNumbers(t *testing.T) {
	ar := arabic(t)
	for _, tc := range []struct {
		name string
		got  ScriptNumbers
		want string
	}{
		{"english dollars", English().Script("USD"),
			`{"digits":["0","1","2","3","4","5","6","7","8","9"],"decimal":".","group":",","minus":"-","isolate":["",""],"money":["$",""],` +
				`"amounts":{"B":{"other":["","B"]},"K":{"other":["","K"]},"M":{"other":["","M"]},"T":{"other":["","T"]}}}`},
		{"english plain numbers", English().Script(""),
			`{"digits":["0","1","2","3","4","5","6","7","8","9"],"decimal":".","group":",","minus":"-","isolate":["",""],"money":["",""],` +
				`"amounts":{"B":{"other":["","B"]},"K":{"other":["","K"]},"M":{"other":["","M"]},"T":{"other":["","T"]}}}`},
		{"english other currency", English().Script("GBP"),
			`{"digits":["0","1","2","3","4","5","6","7","8","9"],"decimal":".","group":",","minus":"-","isolate":["",""],"money":["GBP ",""],` +
				`"amounts":{"B":{"other":["","B"]},"K":{"other":["","K"]},"M":{"other":["","M"]},"T":{"other":["","T"]}}}`},
		{"arabic dollars", ar.Script("USD"),
			`{"digits":["٠","١","٢","٣","٤","٥","٦","٧","٨","٩"],"decimal":"٫","group":"٬","minus":"\u061c-","isolate":["\u2068","\u2069"],"money":[""," دولار"],` +
				`"amounts":{"B":{"few":[""," مليارات"],"other":[""," مليار"]},"K":{"few":[""," آلاف"],"other":[""," ألف"]},` +
				`"M":{"few":[""," ملايين"],"other":[""," مليون"]},"T":{"few":[""," تريليونات"],"other":[""," تريليون"]}}}`},
		{"arabic other currency", ar.Script("GBP"),
			`{"digits":["٠","١","٢","٣","٤","٥","٦","٧","٨","٩"],"decimal":"٫","group":"٬","minus":"\u061c-","isolate":["\u2068","\u2069"],"money":[""," GBP"],` +
				`"amounts":{"B":{"few":[""," مليارات"],"other":[""," مليار"]},"K":{"few":[""," آلاف"],"other":[""," ألف"]},` +
				`"M":{"few":[""," ملايين"],"other":[""," مليون"]},"T":{"few":[""," تريليونات"],"other":[""," تريليون"]}}}`},
		{"arabic with western digits", ar.With(Numbers{Digits: "latn"}).Script("EUR"),
			`{"digits":["0","1","2","3","4","5","6","7","8","9"],"decimal":".","group":",","minus":"\u061c-","isolate":["\u2068","\u2069"],"money":[""," يورو"],` +
				`"amounts":{"B":{"few":[""," مليارات"],"other":[""," مليار"]},"K":{"few":[""," آلاف"],"other":[""," ألف"]},` +
				`"M":{"few":[""," ملايين"],"other":[""," مليون"]},"T":{"few":[""," تريليونات"],"other":[""," تريليون"]}}}`},
	} {
		b, err := json.Marshal(tc.got)
		if err != nil {
			t.Fatal(err)
		}
		var got, want any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(tc.want), &want); err != nil {
			t.Fatalf("%s: want: %v", tc.name, err)
		}
		if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, g, w)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
