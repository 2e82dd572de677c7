# paysandbox. `make run` serves the embedded default scenario on 127.0.0.1:8080;
# `make test` runs every test (unit tests with -race, then the contract suite
# in parallel against an in-process strict sandbox, writing reports/, then the
# suite's live mode against the built binary).
GO       ?= go
BIN      ?= bin/mockserver
PKGS      = $(shell $(GO) list ./... | grep -v '/testsuite$$')
FUZZTIME ?= 20s

.PHONY: run build test unit suite live-smoke suite-remote suite-live bench fuzz docker clean

run:
	$(GO) run ./mockserver

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w" -o $(BIN) ./mockserver

test: unit suite live-smoke

unit:
	$(GO) vet ./...
	$(GO) test -race -count=1 $(PKGS)

# The contract suite: ginkgo -p, each process in its own namespaces; JUnit and
# the certification report go to reports/.
suite:
	$(GO) tool ginkgo -p -race --timeout=20m ./testsuite

# Against a running mockserver: make suite-remote TARGET=http://127.0.0.1:8080
suite-remote:
	PAYSANDBOX_TARGET=$(TARGET) $(GO) tool ginkgo -p ./testsuite

# The live mode of the suite against a local mockserver standing in for the
# real sandboxes (reports in reports/live/).
live-smoke: build
	./scripts/live-smoke.sh $(BIN)

# Against real provider sandboxes (PAYSANDBOX_LIVE_<PROVIDER>_URL etc., see README).
suite-live:
	PAYSANDBOX_TARGET=live $(GO) tool ginkgo --label-filter='!needs-control' ./testsuite

bench: build
	$(GO) run ./bench -binary $(BIN)

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
