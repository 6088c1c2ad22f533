# Reckon: see README.md. Every target works on a fresh clone with Go and npm.
GO ?= go
SRC ?= .
OUT ?= public
BASE_URL ?=
# Packages whose tests define the -update flag for golden files.
GOLDEN_PKGS = ./generator/claim ./generator/costmodel ./generator/site ./generator

.PHONY: all site serve check test golden fuzz bench lint clean npm

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

test: npm
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) run ./generator check -src $(SRC)

golden:
	$(GO) test $(GOLDEN_PKGS) -update

FUZZTIME ?= 60s
fuzz:
	$(GO) test ./generator/claim -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
	$(GO) test ./generator/formula -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME)
	$(GO) test ./generator/unit -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./generator/... -run '^$$' -bench . -benchmem

lint:
	@test -z "$$(gofmt -l generator)" || (gofmt -l generator; exit 1)
	$(GO) vet ./...

clean:
	rm -rf $(OUT)
