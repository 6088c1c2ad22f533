package schemas_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	return quote(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// quote quotes s as a TOML basic string, spelling with an escape every
// character that escape reports.
func quote(s string, escape func(rune) bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case escape(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// field is one key whose values the schemas check alone: each value is
// written into one file of the base site, and the schema must accept it
// exactly when the decoder does.
type field struct {
	name string
	file string
	// text is the file with %s where the value goes, written as TOML.
	text   string
	values []string // TOML values
	// looser lists the values only the decoder rejects, with the reason.
	looser map[string]string
}

// escaped quotes each s as a TOML basic string that spells every character
// outside printable ASCII with an escape, so that the file's bytes are
// plain and only the decoded value holds the character.
func escaped(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = quote(s, func(r rune) bool { return r < 0x20 || r >= 0x7f })
	}
	return out
}

func quoted(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = tomlString(s)
	}
	return out
}

const (
	reportSource = "[report]\ntitle = \"The report\"\npublisher = \"The lab\"\nurl = %s\nkind = \"primary\"\nverified = true\n"
	fxSource     = "[fx]\ntitle = \"Exchange rates\"\npublisher = \"A central bank\"\nurl = \"https://example.org/fx\"\nkind = \"primary\"\nverified = true\n%s"
	rate2021     = "[cny_per_usd_2021]\nlabel = \"CNY per USD, 2021 average\"\nvalue = 6.45\nunit = \"CNY/USD\"\nas_of = 2021-12-31\nperiod = { start = 2021-01-01, end = 2021-12-31 }\nsource = \"fx\"\n\n"
	topicFile    = "title = %s\nquestion = \"What did the run cost?\"\nsummary = \"About $5.6M of rented compute.\"\npublished = 2025-02-01\n"
	claimFile    = "title = %s\nclaimant = \"The lab\"\ndate = %s\npublished = 2025-02-01\nscope = \"final-run\"\n\n[figure]\nvalue = 5.6e6\ncurrency = \"USD\"\n\n[source]\nsource = \"report\"\nquote = \"it cost $5.6M\"\n"
	siteFile     = "title = \"Test Checks\"\ndescription = \"Fact-checks for tests.\"\npublisher = \"Test Desk\"\n%s\n\n[rating]\nbest = 3\nworst = 1\n\n[[rating.level]]\nvalue = 3\nlabel = \"Accurate\"\nwhen = \"true\"\n"
)

var fields = []field{{
	name: "url",
	file: "claims/t/sources.toml",
	text: reportSource,
	values: quoted("https://example.org", "http://a.b/c?d#e", "HTTPS://EXAMPLE.ORG", "https://example.org:8080/x",
		"https://example.org:/x", "https://user:pw@example.org/", "https://a@b@c.org/", "https://[::1]:80/",
		"https://example.org/a b", "https://例え.jp/パス", "https://example.org/?q=%zz", "https://example.org#a%20b",
		"https://exa mple.org/", "https://", "https:///path", "https://example.org:port/", "https://example.org/%zz",
		"https://example.org/\a", "ftp://example.org/", "mailto:a@b.org", "//example.org/x", " https://example.org",
		"javascript:alert(1)", "https:example.org", ""),
}, {
	name:   "language",
	file:   "claims/sources.toml",
	text:   fmt.Sprintf(fxSource, "language = %s\n"),
	values: quoted("en", "ar", "zh-Hans", "pt-BR", "en-", "en-419", "EN", "", "e", "e-", "en_GB", "1en", "dé", "en GB"),
}, {
	name:   "slug",
	file:   "claims/sources.toml",
	text:   fmt.Sprintf(fxSource, "\n[%s]\ntitle = \"Another\"\npublisher = \"P\"\nurl = \"https://example.org/x\"\nkind = \"secondary\"\nverified = true\n"),
	values: quoted("a", "a-b", "a--b", "gpt-4", "9", "-a", "a-", "A", "a_b", "ä", "a.b", ""),
}, {
	name:   "identifier",
	file:   "claims/parameters.toml",
	text:   rate2021 + "[%s]\nlabel = \"A number\"\nvalue = 1\nunit = \"1\"\nas_of = 2021-12-31\nsource = \"fx\"\n",
	values: quoted("a", "_a", "a1", "A_B", "_", "1a", "a-b", "ä", "a b", ""),
}, {
	name: "required text",
	file: "claims/t/topic.toml",
	text: topicFile,
	// Zero-width space and word joiner are not spaces to strings.TrimSpace.
	values: quoted("x", " x ", "\u200b", "\u2060", "", " ", "\t\n", "\u00a0", "\u3000", "\u2028", "\u0085", "\u2000\u200a", "\u202f"),
}, {
	name: "unit",
	file: "claims/parameters.toml",
	text: rate2021 + "[extra]\nlabel = \"An extra\"\nvalue = 1\nunit = %s\nas_of = 2021-12-31\nsource = \"fx\"\n",
	values: quoted("USD", "1", "GPU-h", "USD/GPU-h", "GPU-h*USD/GPU-h", "a/(b*c)", "((a))", " ( a / b ) * c ", "h^-1",
		"h ^ -1", "h^+2", "h^99", "h^007", "a*1", "a_b", "a-", "GPU\th",
		"h^100", "h^", "h^-", "h^ 2", "USD/", "*USD", "1a", "2", "01", "", " ", "USD USD", "_a", "(a)^2", "a//b", "a\n",
		"(USD", "USD)", "((a)", "a)*(b"),
	looser: map[string]string{
		`"(USD"`:  "a regular expression cannot count parentheses",
		`"USD)"`:  "a regular expression cannot count parentheses",
		`"((a)"`:  "a regular expression cannot count parentheses",
		`"a)*(b"`: "a regular expression cannot count parentheses",
	},
}, {
	name: "text",
	file: "claims/t/topic.toml",
	text: topicFile,
	values: escaped("plain", "a\tb", "a\nb", "a\r\nb", "a\u00a0é中ب", "marks \u200e\u200f\u061c",
		"a\u2066b\u2069", "a\u2067b\u2068c\u2069d\u2069e", "x\u2066y\u2069\nz\u2067w\u2069",
		"\u2066\u2067\u2068x\u2069\u2069\u2069", "\u2066\u2066\u2066\u2066x\u2069\u2069\u2069\u2069",
		"a\u0000", "a\u0001b", "a\u001b[31m", "a\u000bb", "a\u000cb", "a\rb", "a\r", "a\u007f", "a\u0080", "a\u0085", "a\u009f",
		"a\u202ab", "a\u202bb", "a\u202cb", "a\u202db", "a\u202eb",
		"a\u2066b", "a\u2067b", "a\u2068b", "a\u2069", "\u2066a\nb\u2069", "\u2066a\u2069\u2069",
		"\u2066\u2066a\u2069", "\u2066\u2066\u2066a\u2069\u2069", "\u2066\u2066\u2066\u2066a\u2069\u2069\u2069"),
	looser: map[string]string{
		escaped("\u2066\u2066\u2066\u2066a\u2069\u2069\u2069")[0]: "a regular expression counts isolates only to a depth of 3",
	},
}, {
	name:   "date bounds",
	file:   "claims/sources.toml",
	text:   fmt.Sprintf(fxSource, "published = %s\n"),
	values: []string{"1900-01-01", "1999-12-31", "2000-01-01", "2100-12-31", "1899-12-31", "2101-01-01", "0001-01-01", "0000-01-01", "9999-12-31", "1900-02-29", "2100-02-29"},
}, {
	name:   "tolerance",
	file:   "claims/site.toml",
	text:   fmt.Sprintf(siteFile, "tolerance = %s"),
	values: []string{"2", "1.0000001", "1e3", "1", "1.0", "0", "-3", `"2"`},
}, {
	name:   "about",
	file:   "claims/site.toml",
	text:   fmt.Sprintf(siteFile, "about = %s"),
	values: []string{"0.1", "1e-9", "0.999", "0", "1", "-0.1", "5"},
}, {
	name: "coverage",
	file: "claims/t/model.toml",
	text: "[parameters.gpu_hours]\nlabel = \"GPU-hours\"\nvalue = 2_788_000\nunit = \"GPU-h\"\nas_of = 2024-12-27\nsource = \"report\"\n\n[parameters.rate]\nlabel = \"Rental rate\"\nlow = 1.5\nhigh = 2.5\n%s\nunit = \"USD/GPU-h\"\nas_of = 2024-12-27\nsource = \"report\"\n\n[parameters.cluster_cny]\nlabel = \"Cluster cost\"\nvalue = 1e9\nunit = \"CNY\"\nas_of = 2021-12-31\nsource = \"report\"\n\n[formulas.run_hours]\nlabel = \"Run hours\"\nexpr = \"gpu_hours\"\nunit = \"GPU-h\"\n\n[components.run]\nlabel = \"Final run\"\nexpr = \"run_hours * rate\"\nunit = \"USD\"\n\n[components.cluster]\nlabel = \"Cluster\"\nexpr = \"cluster_cny / cny_per_usd_2021\"\nunit = \"USD\"\n\n[scopes.final-run]\nlabel = \"Final run\"\nadd = [\"run\"]\n\n[scopes.with-cluster]\nlabel = \"Final run and cluster\"\nextends = \"final-run\"\nadd = [\"cluster\"]\n",
	values: []string{"coverage = 1", "coverage = 1.0", `distribution = "normal"` + "\ncoverage = 0.5", `distribution = "lognormal"` + "\ncoverage = 1", `distribution = "triangular"`,
		"coverage = 0.9", `distribution = ""` + "\ncoverage = 0.9", `distribution = "triangular"` + "\ncoverage = 0.99", `distribution = "normal"` + "\ncoverage = 0",
		`distribution = "normal"` + "\ncoverage = 1.5", `distribution = "lognormal"` + "\nlow = 0", `distribution = "normal"` + "\nlow = -1"},
}, {
	name: "date",
	file: "claims/t/run.toml",
	text: fmt.Sprintf(claimFile, `"The run cost $5.6M"`, "%s"),
	values: []string{"2024-12-27", "2024-12-27T00:00:00", "2024-12-27 10:00:00", "2024-12-27T10:00:00Z",
		"1979-05-27T07:32:00-08:00", "00:00:00", "20241227", `"2024-12-27"`, `"27 December 2024"`,
		`"2025"`, `"2025-01"`, `"before 2024-12-27"`, `"on or after 2025-01-31"`, `"1899"`, `"2101-01"`, `"2025-13"`, `"2025-1"`,
		`"early 2025"`, `"after 2025-01-31"`, `"before 2025-02-30"`, `"before 2025-01"`},
	looser: map[string]string{
		`"2024-12-27"`:        "Taplo presents TOML dates as strings, so a quoted date looks the same as a date",
		`"before 2025-02-30"`: "a regular expression does not know how many days each month has",
	},
}, {
	name:   "claim title",
	file:   "claims/t/run.toml",
	text:   fmt.Sprintf(claimFile, "%s", "2024-12-27"),
	values: quoted(strings.Repeat("x", 74), strings.Repeat("ب", 74), strings.Repeat("x", 75), strings.Repeat("ب", 75), " "),
}}

// TestFieldValuesAgree writes each value of each field into the base site
// and requires the schema to accept it exactly when the decoder does, but
// for the values a field lists as beyond a schema.
func TestFieldValuesAgree(t *testing.T) {
	ck := newChecker(t)
	base := parseArchive(t, "../generator/claim/testdata/base.txtar")
	accepted, rejected := 0, 0
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			for _, v := range f.values {
				data := fmt.Sprintf(f.text, v)
				fsys, _ := archiveFS(base, &txtar.Archive{Files: []txtar.File{{Name: f.file, Data: []byte(data)}}})
				goErr := goVerdict(fsys)
				schemaErr := ck.check(t, f.file, []byte(data))
				reason, looser := f.looser[v]
				switch {
				case looser && (goErr == "" || schemaErr != nil):
					t.Errorf("%s: listed as beyond a schema (%s), but the decoder accepts: %v, the schema rejects: %v", v, reason, goErr == "", schemaErr != nil)
				case looser:
				case goErr == "" && schemaErr != nil:
					t.Errorf("%s: the decoder accepts it, the schema rejects it:\n%v", v, schemaErr)
				case goErr != "" && schemaErr == nil:
					t.Errorf("%s: the decoder rejects it, the schema accepts it:\n%s", v, goErr)
				case goErr == "":
					accepted++
				default:
					rejected++
				}
			}
		})
	}
	t.Logf("%d values accepted and %d rejected by both", accepted, rejected)
}
