# paysandbox. `make run` serves the embedded default scenario on 127.0.0.1:8080;
# `make test` runs every test (unit tests with -race, then the contract suite
# in parallel against an in-process strict sandbox, writing reports/, then the
# suite's live mode against the built binary).
GO       ?= go
BIN      ?= bin/mockserver
PKGS      = $(shell $(GO) list ./... | grep -v '/testsuite$$')
FUZZTIME ?= 20s
# No colour codes when the output is not a terminal (CI logs, files).
GINKGO_COLOR := $(shell [ -t 1 ] || echo --no-color)
VERSION  ?= $(shell git describe --always --dirty 2>/dev/null || echo unknown)
LIVE_FILTER = !needs-control && !needs-magic
# A -race binary sleeps a second before it exits (GORACE atexit_sleep_ms,
# default 1000) so that late goroutines can still report; our tests wait for
# theirs, and make unit runs some 45 test binaries, the suite 2 processes.
RACE_ENV  = GORACE="atexit_sleep_ms=10 $(GORACE)"
# The suite's -race binary, built once: go test -c relinks it only when
# something it is built from changed (a link is 3-10 s of the suite's time).
SUITE_BIN = bin/suite-race.test
# The Ginkgo CLI, built once per go.mod: `go tool ginkgo` works out whether
# its cached build is current on every call (runs compile, asm, cgo, gcc and
# link for their versions), 1-4 s each time on a busy 2-core machine.
GINKGO    = bin/ginkgo
# go test with a line naming the packages still running when it has been
# silent for 15 s (scripts/testprogress).
TESTPROGRESS = bin/testprogress

.PHONY: test-long soak run build test unit suite live-smoke suite-remote suite-live certify bench fuzz docker clean

# make run ARGS='-addr 127.0.0.1:9090 -log-level debug'
run:
	$(GO) run ./mockserver $(ARGS)

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w" -o $(BIN) ./mockserver

test: unit suite live-smoke

unit: $(TESTPROGRESS)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(RACE_ENV) GO=$(GO) $(TESTPROGRESS) -race -count=1 $(PKGS)

$(TESTPROGRESS): scripts/testprogress/main.go
	$(GO) build -o $@ ./scripts/testprogress

# The contract suite: ginkgo -p, each process in its own namespaces; JUnit and
# the certification report go to reports/ (the binary runs in bin/, the
# suite writes to ../reports).
suite: $(GINKGO)
	$(GO) test -race -c -o $(SUITE_BIN) ./testsuite
	$(RACE_ENV) $(GINKGO) $(GINKGO_COLOR) -p --timeout=20m $(SUITE_BIN)

$(GINKGO): go.mod go.sum
	$(GO) build -o $@ github.com/onsi/ginkgo/v2/ginkgo

# Against a running mockserver: make suite-remote TARGET=http://127.0.0.1:8080
# (a server started with -admin-token: export PAYSANDBOX_ADMIN_TOKEN too).
suite-remote: $(GINKGO)
	PAYSANDBOX_TARGET=$(TARGET) $(GINKGO) $(GINKGO_COLOR) -p ./testsuite

# The live mode of the suite against a local mockserver standing in for the
# real sandboxes, with the example profile; also proves an unconfigured or
# typo'd live run fails (reports in reports/live*/).
live-smoke: build $(GINKGO)
	GINKGO=$(abspath $(GINKGO)) ./scripts/live-smoke.sh $(BIN)

# Certify against real provider sandboxes: make certify PROFILE=live.yaml
# (see live.example.yaml and README "Certification"). One spec per line as
# it runs; reports/certification.md and .json, and reports/drift.md and
# .json (the live answers against the contract and the fake); exits
# non-zero unless every configured provider is certified.
certify: $(GINKGO)
	PAYSANDBOX_TARGET=live $(if $(PROFILE),PAYSANDBOX_PROFILE=$(abspath $(PROFILE))) \
	PAYSANDBOX_REPORT_DIR=$(CURDIR)/reports PAYSANDBOX_VERSION=$(VERSION) \
	$(GINKGO) $(GINKGO_COLOR) -v --label-filter='$(LIVE_FILTER)' ./testsuite

# The same, configured by PAYSANDBOX_LIVE_<PROVIDER>_* variables alone.
suite-live: certify

# The exhaustive differential tests of the contracts' fast paths (make test
# runs a sample of each corpus), then every fuzz target.
test-long:
	PAYSANDBOX_LONG=1 $(GO) test -race -count=1 -timeout 30m ./contracts/...
	$(MAKE) fuzz

bench: build
	$(GO) build -o bin/floor ./bench/floor
	$(GO) run ./bench -binary $(BIN) -floor bin/floor

# The soak test (long, not part of make test): the binary on 127.0.0.1 under
# the attack mix of issue 13 for 3 minutes (SOAK_DURATION=20s for a quick
# run) while a legitimate client runs every provider's flows; it checks
# peak RSS, that client's answers and latency, health, leaks and money, and
# exits non-zero on any failed check (README "Security and limits").
soak: build
	$(GO) run ./bench/soak -binary $(BIN) $(SOAK_ARGS)

fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

docker:
	docker build -t paysandbox .

clean:
	rm -rf bin reports
