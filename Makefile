# Reckon: see README.md. Every target works on a fresh clone with Go and npm.
GO ?= go
CHROMIUM ?= /usr/bin/chromium
SRC ?= .
OUT ?= public
BASE_URL ?=
# Packages whose tests define the -update flag for golden files.
GOLDEN_PKGS = ./generator/claim ./generator/build ./generator/chart ./generator/site ./generator/card ./generator

.PHONY: all site serve check test test-go test-content test-browser chromium golden fuzz bench bench-go bench-site lint lint-go lint-toml lint-actions clean npm

all: test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

npm: node_modules/.package-lock.json

site: npm
	$(GO) run ./generator build -src $(SRC) -out $(OUT) $(if $(BASE_URL),-base-url $(BASE_URL))

serve: npm
	$(GO) run ./generator serve -src $(SRC)

check:
	$(GO) run ./generator check -src $(SRC)

test: lint test-go test-browser

# The Go tests run on the fixture site generator/testdata/site, never on the
# content at SRC, so that valid edits to claims/ and content/ cannot fail
# them; test-content checks and builds that content first.
test-go: npm test-content
	$(GO) test ./...

# reckon check and a full build of the content at SRC, into a temporary
# folder removed afterwards (public/ is left alone): broken content fails.
test-content: npm
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(GO) build -o "$$tmp/reckon" ./generator && \
	  echo "reckon check -src $(SRC)" && "$$tmp/reckon" check -src $(SRC) && \
	  echo "reckon build -src $(SRC) -out <temporary folder>" && "$$tmp/reckon" build -q -src $(SRC) -out "$$tmp/public"

# Browser tests: headless Chromium from Debian's packages, driven by
# playwright-core (tests/browser.test.mjs), on a build of the fixture site.
test-browser: npm chromium
	node --test tests/

# Chromium and fonts from Debian's packages, installed when missing (as root).
chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "installing chromium from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core >/dev/null; }

golden:
	$(GO) test $(GOLDEN_PKGS) -update

FUZZTIME ?= 60s
fuzz:
	$(GO) test ./generator/claim -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
	$(GO) test ./generator/formula -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME)
	$(GO) test ./generator/unit -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz FuzzTextHTML -fuzztime $(FUZZTIME)
	$(GO) test ./generator/site -run '^$$' -fuzz FuzzPrograms -fuzztime $(FUZZTIME)
	$(GO) test ./generator/chart -run '^$$' -fuzz FuzzAppendJSONString -fuzztime $(FUZZTIME)

bench: bench-go bench-site

bench-go:
	$(GO) test ./generator/... -run '^$$' -bench . -benchmem

# The site benchmark: Reckon against Hugo, side by side, on synthetic sites
# of BENCH_SIZES claims (100 per topic, about 400 words each); prints a
# Markdown table. Hugo is installed with go install when it is missing
# (BENCH_HUGO=0: Reckon alone). BENCH_RUNS=0 means 5 runs (3 from 50,000
# claims); the preview is timed on sites of at most BENCH_EDIT_MAX claims.
BENCH_SIZES ?= 1000,10000
BENCH_RUNS ?= 0
BENCH_EDITS ?= 3
BENCH_EDIT_MAX ?= 10000
BENCH_HUGO ?= 1
HUGO_VERSION = v0.166.0
bench-site: npm
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && trap 'exit 1' INT TERM && \
	  $(GO) build -o "$$tmp/reckon" ./generator && \
	  hugo= && if [ "$(BENCH_HUGO)" = 1 ]; then \
	    hugo=$$(command -v hugo || echo "$$($(GO) env GOPATH)/bin/hugo") && \
	    { test -x "$$hugo" || { echo "installing hugo $(HUGO_VERSION) (a few minutes)" && \
	      GOTOOLCHAIN=auto $(GO) install github.com/gohugoio/hugo@$(HUGO_VERSION); }; }; \
	  fi && \
	  $(GO) run ./generator/internal/sitebench -reckon "$$tmp/reckon" -hugo "$$hugo" -echarts node_modules/echarts \
	    -sizes $(BENCH_SIZES) -runs $(BENCH_RUNS) -edits $(BENCH_EDITS) -edit-max $(BENCH_EDIT_MAX) -work "$$tmp/work"

lint: lint-go lint-toml lint-actions

lint-go:
	@test -z "$$(gofmt -l generator schemas)" || (gofmt -l generator schemas; exit 1)
	$(GO) vet ./...

# Every file under claims/ against its JSON Schema in schemas/, as mapped by
# .taplo.toml (Taplo pinned in package-lock.json; local schemas only, no
# schema catalog, nothing fetched).
lint-toml: npm
	RUST_LOG=warn node_modules/.bin/taplo lint

# The GitHub workflows, with actionlint pinned in go.mod as a tool.
lint-actions:
	$(GO) tool actionlint

clean:
	rm -rf $(OUT)
