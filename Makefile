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

.PHONY: test-long soak run build test unit suite live-smoke suite-remote suite-live certify bench fuzz docker clean

# make run ARGS='-addr 127.0.0.1:9090 -log-level debug'
run:
	$(GO) run ./mockserver $(ARGS)

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w" -o $(BIN) ./mockserver

test: unit suite live-smoke

unit:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) test -race -count=1 $(PKGS)

# The contract suite: ginkgo -p, each process in its own namespaces; JUnit and
# the certification report go to reports/.
suite:
	$(GO) tool ginkgo $(GINKGO_COLOR) -p -race --timeout=20m ./testsuite

# Against a running mockserver: make suite-remote TARGET=http://127.0.0.1:8080
# (a server started with -admin-token: export PAYSANDBOX_ADMIN_TOKEN too).
suite-remote:
	PAYSANDBOX_TARGET=$(TARGET) $(GO) tool ginkgo $(GINKGO_COLOR) -p ./testsuite

# The live mode of the suite against a local mockserver standing in for the
# real sandboxes, with the example profile; also proves an unconfigured or
# typo'd live run fails (reports in reports/live*/).
live-smoke: build
	./scripts/live-smoke.sh $(BIN)

# Certify against real provider sandboxes: make certify PROFILE=live.yaml
# (see live.example.yaml and README "Certification"). One spec per line as
# it runs; reports/certification.md and .json, and reports/drift.md and
# .json (the live answers against the contract and the fake); exits
# non-zero unless every configured provider is certified.
certify:
	PAYSANDBOX_TARGET=live $(if $(PROFILE),PAYSANDBOX_PROFILE=$(abspath $(PROFILE))) \
	PAYSANDBOX_REPORT_DIR=$(CURDIR)/reports PAYSANDBOX_VERSION=$(VERSION) \
	$(GO) tool ginkgo $(GINKGO_COLOR) -v --label-filter='$(LIVE_FILTER)' ./testsuite

# The same, configured by PAYSANDBOX_LIVE_<PROVIDER>_* variables alone.
suite-live: certify

# The exhaustive differential tests of the contracts' fast paths (make test
# runs a sample of each corpus), then every fuzz target.
test-long:
	PAYSANDBOX_LONG=1 $(GO) test -race -count=1 -timeout 30m ./contracts/...
	$(MAKE) fuzz

bench: build
	$(GO) run ./bench -binary $(BIN)

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
