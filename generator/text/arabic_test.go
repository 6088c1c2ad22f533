package text

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"reckon/generator/claim"
	"reckon/templates"
)

// arabic returns the words of the Arabic catalog built into the binary.
func arabic(t *testing.T) *Words {
	t.Helper()
	cat, err := Load(templates.FS, "ar")
	if err != nil {
		t.Fatal(err)
	}
	if cat.File != "i18n/ar.toml" || cat.Strings["dir"] != "rtl" {
		t.Fatalf("catalog %s, dir %q", cat.File, cat.Strings["dir"])
	}
	return For("ar", cat)
}

// Isolated text, as Arabic's number_isolate frames each number.
const fsi, pdi = "\u2068", "\u2069"

func iso(s string) string { return fsi + s + pdi }

// TestArabicCatalogComplete reads en.toml and ar.toml as they are and
// checks that ar has every key en has, with the same placeholders, and
// that its other keys are the plural forms or currency frames that the
// format allows.
func TestArabicCatalogComplete(t *testing.T) {
	read := func(name string) map[string]string {
		m := map[string]string{}
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := toml.Decode(string(data), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, ar := read("i18n/en.toml"), read("i18n/ar.toml")
	re := regexp.MustCompile(`\{[^{}]*\}`)
	holes := func(s string) []string {
		h := re.FindAllString(s, -1)
		slices.Sort(h)
		return slices.Compact(h)
	}
	for k, v := range en {
		a, ok := ar[k]
		if !ok {
			t.Errorf("ar.toml has no %s", k)
			continue
		}
		if !slices.Equal(holes(v), holes(a)) {
			t.Errorf("%s: en has %v, ar has %v", k, holes(v), holes(a))
		}
	}
	forms := regexp.MustCompile(`^(.+)_(zero|one|two|few|many)$`)
	for k, v := range ar {
		if _, ok := en[k]; ok {
			continue
		}
		var other string
		if m := forms.FindStringSubmatch(k); m != nil {
			other = m[1] + "_other"
		} else if strings.HasPrefix(k, "money_") {
			other = "money_USD"
		}
		if _, ok := en[other]; !ok {
			t.Errorf("ar.toml has %s, which en.toml has not and which is no plural form or money_CODE", k)
			continue
		}
		for _, h := range holes(v) {
			if !slices.Contains(holes(en[other]), h) {
				t.Errorf("%s: placeholder %s is not one of %s's %v", k, h, other, holes(en[other]))
			}
		}
	}
	if n := len(en); n < 400 {
		t.Errorf("en.toml has only %d keys", n)
	}
}

func TestArabicPlurals(t *testing.T) {
	w := arabic(t)
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "لا مصادر"},
		{1, "مصدر واحد"},
		{2, "مصدرين"},
		{3, "٣ مصادر"},
		{10, "١٠ مصادر"},
		{11, "١١ مصدرًا"},
		{99, "٩٩ مصدرًا"},
		{100, "١٠٠ مصدر"},
		{102, "١٠٢ مصدر"},
		{103, "١٠٣ مصادر"},
	} {
		if got := w.Count("sources", tc.n); got != tc.want {
			t.Errorf("Count(sources, %d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := w.Count("independent_origins", 2); got != "أصلان مستقلان" {
		t.Errorf("Count(independent_origins, 2) = %q", got)
	}
	if err := w.Err(); err != nil {
		t.Error(err)
	}
}

func TestEnglishPluralsUnchanged(t *testing.T) {
	w := English()
	for n, want := range map[int]string{0: "0 sources", 1: "1 source", 2: "2 sources", 11: "11 sources", 100: "100 sources"} {
		if got := w.Count("sources", n); got != want {
			t.Errorf("Count(sources, %d) = %q, want %q", n, got, want)
		}
	}
}

func TestArabicNumbers(t *testing.T) {
	w := arabic(t)
	for _, tc := range []struct{ name, got, want string }{
		{"millions", w.Money(5576000, "USD"), iso("٥٫٥٧٦ مليون دولار")},
		{"few millions", w.Money(3e6, "USD"), iso("٣ ملايين دولار")},
		{"eleven millions", w.Money(11e6, "USD"), iso("١١ مليون دولار")},
		{"billions", w.Money(1.3e9, "USD"), iso("١٫٣ مليار دولار")},
		{"few billions", w.Money(5e9, "USD"), iso("٥ مليارات دولار")},
		{"trillions", w.Money(2.5e13, "USD"), iso("٢٥ تريليون دولار")},
		{"grouped", w.Money(294672, "USD"), iso("٢٩٤٬٦٧٢ دولار")},
		{"small", w.Money(0.055, "USD"), iso("٠٫٠٥٥ دولار")},
		{"yuan", w.Money(1e9, "CNY"), iso("١ مليار يوان")},
		{"a code", w.Money(1e9, "JPY"), iso("١ مليار JPY")},
		{"negative", w.Money(-5e6, "USD"), iso("\u061C-٥ ملايين دولار")},
		{"signed up", w.Signed(16.73e6, "USD"), iso("\u061C+١٦٫٧٣ مليون دولار")},
		{"signed down", w.Signed(-22.6e6, "USD"), iso("\u061C−٢٢٫٦ مليون دولار")},
		{"round", w.Round(1.2934e9, "USD"), iso("١٫٢٩ مليار دولار")},
		{"number", w.Number(2788000), iso("٢٬٧٨٨٬٠٠٠")},
		{"decimal", w.Number(7.296), iso("٧٫٢٩٦")},
		{"factor", w.Factor(3.113), iso("٣٫١")},
		{"percent", w.Percent(0.42), iso("٤٢٪")},
		{"count", w.Int(2024), "٢٠٢٤"},
		{"figure", w.Figure(claim.Figure{Value: 500e6, Currency: "USD", Qualifier: claim.MoreThan}), "أكثر من " + iso("٥٠٠ مليون دولار")},
		{"price", w.Quantity(2, "USD/GPU-h"), iso("٢ دولار") + " لكل GPU-h"},
		{"list", w.List([]string{"أ", "ب", "ج"}), "أ، ب وج"},
		{"isolated label", w.Isolate("H800 rental price"), iso("H800 rental price")},
		{"english label", English().Isolate("H800 rental price"), "H800 rental price"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if err := w.Err(); err != nil {
		t.Error(err)
	}
}

func TestArabicDates(t *testing.T) {
	w := arabic(t)
	day := claim.Date{Year: 2024, Month: 12, Day: 27}
	for _, tc := range []struct{ got, want string }{
		{w.Date(day), "٢٧ ديسمبر ٢٠٢٤"},
		{w.Date(claim.Date{Year: 2025, Month: 1, Prec: claim.PrecMonth}), "يناير ٢٠٢٥"},
		{w.Date(claim.Date{Year: 2025, Prec: claim.PrecYear}), "٢٠٢٥"},
		{w.Date(claim.Date{Year: 2024, Month: 12, Day: 27, Prec: claim.PrecBefore}), "قبل ٢٧ ديسمبر ٢٠٢٤"},
		{w.When(day), "في ٢٧ ديسمبر ٢٠٢٤"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestNumberStyle sets an edition's number style over a catalog's.
func TestNumberStyle(t *testing.T) {
	ar, en := arabic(t), English()
	for _, tc := range []struct{ name, got, want string }{
		{"arabic with western digits", ar.With(Numbers{Digits: "latn"}).Money(5576000, "USD"), iso("5.576 مليون دولار")},
		{"arabic with western digits, grouped", ar.With(Numbers{Digits: "latn"}).Number(2788000), iso("2,788,000")},
		{"arabic with western digits and separators", ar.With(Numbers{Digits: "latn", Decimal: ",", Group: "."}).Money(5576000, "USD"), iso("5,576 مليون دولار")},
		{"arabic digits again", ar.With(Numbers{Digits: "arab"}).Money(5576000, "USD"), iso("٥٫٥٧٦ مليون دولار")},
		{"english with arabic digits", en.With(Numbers{Digits: "arab"}).Money(5576000, "USD"), "$٥٫٥٧٦M"},
		{"english unchanged", en.With(Numbers{}).Money(-1.29e9, "USD"), "-$1.29B"},
		{"english signed", en.Signed(-22.6e6, "USD"), "−$22.6M"},
		{"english percent", en.Percent(0.42), "42%"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestStyleDefaultsAreEnglish checks that the number style a catalog
// without number keys gets is en.toml's, so that a site's own older
// catalog writes numbers as Reckon's English does.
func TestStyleDefaultsAreEnglish(t *testing.T) {
	en := English()
	for key, def := range framed {
		if got := en.cat.Strings[key]; got != def {
			t.Errorf("en.toml %s = %q, the default is %q", key, got, def)
		}
	}
	for key, def := range map[string]string{"number_digits": "latn", "number_decimal": ".", "number_group": ",", "number_minus": "-", "money": "{code} {1}"} {
		if got := en.cat.Strings[key]; got != def {
			t.Errorf("en.toml %s = %q, the default is %q", key, got, def)
		}
	}
	bare := For("en", &Catalog{Strings: map[string]string{"dir": "ltr"}})
	for _, v := range []float64{5576000, -1.29e9, 294672, 0.055, 2.5e13} {
		if a, b := bare.Money(v, "USD"), en.Money(v, "USD"); a != b {
			t.Errorf("Money(%v): bare catalog %q, en.toml %q", v, a, b)
		}
		if a, b := bare.Money(v, "CNY"), en.Money(v, "CNY"); a != b {
			t.Errorf("Money(%v, CNY): bare catalog %q, en.toml %q", v, a, b)
		}
	}
	if en.Dir() != "ltr" || arabic(t).Dir() != "rtl" || bare.Digits() != "latn" || arabic(t).Digits() != "arab" {
		t.Error("Dir or Digits is wrong")
	}
}

// TestArabicJoinedPrefixes checks that where ar.toml joins a one-letter
// preposition to what follows with a tatweel (لـ, بـ), what follows is a
// number or a quotation, never a word, which would read "لـالإنفاق": a
// label from the site's files is set in «» in the string itself, and a
// word of the catalog takes the letter without a tatweel (بسعر).
func TestArabicJoinedPrefixes(t *testing.T) {
	m := map[string]string{}
	if _, err := toml.Decode(string(mustRead(t, "i18n/ar.toml")), &m); err != nil {
		t.Fatal(err)
	}
	// The placeholders that may follow a tatweel: numbers and amounts, and
	// a reason's scope, which Words.quoted sets in «».
	ok := map[string]bool{"{range}": true, "{1}": true, "{2}": true, "{scope}": true}
	joined := regexp.MustCompile(`ـ(\{[a-z_0-9]+\})`)
	for key, s := range m {
		for _, g := range joined.FindAllStringSubmatch(s, -1) {
			if !ok[g[1]] || (g[1] == "{scope}" && !strings.HasPrefix(key, "reason_")) {
				t.Errorf("ar.toml %s: %q follows a tatweel: set a label in «» (ـ«%s»), or join the letter to a word without one", key, g[1], g[1])
			}
		}
	}
	ar := arabic(t)
	for _, tc := range []struct{ got, want string }{
		{ar.Say("chart_claim_scope_to", "to", "الإنفاق"), "تقدير النموذج لـ«الإنفاق»"},
		{ar.Say("chart_tip_model_for", "scope", "الإنفاق", "estimate", "x"), "النموذج لـ«الإنفاق»: x"},
		{ar.Say("reason_support_others", "scope", ar.Say("quoted", "text", "الإنفاق"), "sources", "s", "origins", "o"), "مُدخلات النموذج لـ«الإنفاق» مأخوذة من s غير مصدر الادعاء: o"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := templates.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
