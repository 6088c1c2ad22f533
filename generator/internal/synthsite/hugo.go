package synthsite

import (
	"fmt"
	"path"
	"strings"
	"testing/fstest"
)

// Hugo returns a Hugo site comparable to the Reckon site that o gives, for
// timing the two side by side: a section per topic whose _index.md is the
// topic's article, and a page per claim with the claim's title and
// publication date in TOML front matter and the claim's commentary as its
// body. Each topic's model.toml and sources.toml become the data files
// data/models/TOPIC.toml and data/sources/TOPIC.toml, which the layouts
// show (a parameter on the section page, a source's title on each claim page),
// so that editing a parameter or a source changes a page in both sites.
// The layouts are minimal and use no theme or module, so that Hugo never
// needs the network.
func Hugo(o Options) fstest.MapFS {
	site := Files(o)
	fsys := fstest.MapFS{}
	put := func(name, s string) { fsys[name] = &fstest.MapFile{Data: []byte(s)} }
	put("hugo.toml", hugoConfig)
	for name, s := range hugoLayouts {
		put("layouts/"+name, s)
	}
	for name, f := range site {
		dir, file := path.Split(name)
		switch {
		case strings.HasPrefix(name, "content/claims/"):
			topic := path.Base(dir)
			claim := strings.TrimSuffix(file, ".md")
			put("content/"+topic+"/"+file, hugoPage(string(site["claims/"+topic+"/"+claim+".toml"].Data), string(f.Data)))
		case strings.HasPrefix(name, "content/topics/"):
			put("content/"+strings.TrimSuffix(file, ".md")+"/_index.md", string(f.Data))
		case path.Base(path.Dir(name)) != "claims" && file == "model.toml":
			put("data/models/"+path.Base(dir)+".toml", string(f.Data))
		case path.Base(path.Dir(name)) != "claims" && file == "sources.toml":
			put("data/sources/"+path.Base(dir)+".toml", string(f.Data))
		}
	}
	return fsys
}

// hugoPage returns a page's Markdown: the claim's title line and
// publication date as front matter, then the commentary.
func hugoPage(claimTOML, commentary string) string {
	title, _, _ := strings.Cut(claimTOML, "\n") // title = "…", the claim file's first line
	published := "2026-01-15"
	for line := range strings.Lines(claimTOML) {
		if v, ok := strings.CutPrefix(line, "published = "); ok {
			published = strings.TrimSpace(v)
			break
		}
	}
	return fmt.Sprintf("+++\n%s\ndate = %s\n+++\n\n%s", title, published, commentary)
}

const hugoConfig = `baseURL = "https://bench.example.org/"
title = "Synthetic Checks"
locale = "en"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
`

var hugoLayouts = map[string]string{
	"baseof.html": `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} | {{site.Title}}</title>
<link rel="canonical" href="{{.Permalink}}">
</head>
<body>
<header><a href="{{site.Home.RelPermalink}}">{{site.Title}}</a></header>
<main>{{block "main" .}}{{end}}</main>
</body>
</html>
`,
	"home.html": `{{define "main"}}<h1>{{site.Title}}</h1>
<ul>{{range .Sections}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}
`,
	"list.html": `{{define "main"}}<article>
<h1>{{.Title}}</h1>
{{with index hugo.Data.models .Section}}<p>GPU-hours of the final run: {{.parameters.gpu_hours.value}}</p>{{end}}
{{.Content}}
<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
</article>{{end}}
`,
	"single.html": `{{define "main"}}<article>
<p><a href="{{.Parent.RelPermalink}}">{{.Parent.Title}}</a></p>
<h1>{{.Title}}</h1>
<p>Published {{.Date.Format "2006-01-02"}}</p>
{{with index hugo.Data.sources .Section}}<p>Source: {{.report.title}}, {{.report.publisher}}</p>{{end}}
{{.Content}}
</article>{{end}}
`,
}
