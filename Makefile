# Runbook engine: YAML runbooks compiled into durable Temporal workflows.
SHELL := /usr/bin/env bash
MVN := ./mvnw -B

.DEFAULT_GOAL := help
.PHONY: help build test run stop clean tools format bench fuzz record-replays dist

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## Compile, package the worker jar and the CLI (no tests)
	$(MVN) -q install -DskipTests

dist: ## The CLI's standalone distribution, cli/target/runbook-cli-VERSION.tar.gz, checked outside the repository; docs/cli.md
	scripts/dist.sh
	scripts/dist-check.sh

test: ## Maven verify (tests, format check, enforcer) for every module, jar, image and chart checks, short fuzzing, JDK 25 run, end-to-end, chaos and the production topology
	scripts/install-deps.sh
	scripts/tools.sh
	$(MVN) verify
	scripts/jar-check.sh
	SKIP_BUILD=1 scripts/dist.sh
	scripts/dist-check.sh
	scripts/deploy-check.sh
	scripts/editor-check.sh
	scripts/fuzz.sh 15
	scripts/jdk25.sh
	scripts/e2e.sh
	scripts/chaos.sh
	scripts/prod-test.sh

.PHONY: deploy-check
deploy-check: ## Lint and render the Helm chart (kubeconform), check compose, the Dockerfile and the layered image
	scripts/deploy-check.sh

.PHONY: prod-test
prod-test: ## The production topology (PostgreSQL, Temporal server, 2 starters + 2 workers) under faults; docs/reliability.md
	scripts/prod-test.sh

.PHONY: chaos
chaos: ## Kill the worker (SIGKILL, 20 times) and the Temporal server mid-run; figures: docs/reliability.md
	scripts/chaos.sh

FUZZ_SECONDS ?= 600
fuzz: ## Fuzz each Jazzer fuzz test for FUZZ_SECONDS (default 600); docs/security.md#fuzzing
	scripts/fuzz.sh $(FUZZ_SECONDS)

run: ## Temporal dev server + worker (API :8080, Web UI :8233); Ctrl-C stops both
	scripts/run.sh

stop: ## Stop a stack started with RUNBOOK_RUN_DETACH=1 make run
	scripts/stop.sh

bench: ## Benchmarks on the real Temporal dev server (SUITES=recovery,latency,...); docs/benchmarks.md
	SUITES="$(SUITES)" BENCH_OPTS="$(BENCH_OPTS)" scripts/bench.sh

REPLAY_OPTS ?=
record-replays: ## Record the replay history (main scenario on the testbed, dry run) of each shipped runbook that has none; REPLAY_OPTS=-Dreplay.overwrite=true records all
	$(MVN) -q -pl worker -am test -Dtest='dev/runbooks/worker/seeds/replay/RecordShippedRunbooksTest' \
	  -Dsurefire.failIfNoSpecifiedTests=false -Dreplay.record=true $(REPLAY_OPTS)

tools: ## Install the Temporal CLI (and tctl), the Temporal server and temporal-sql-tool into .tools/bin when missing
	scripts/tools.sh

format: ## Format the Java sources (google-java-format)
	$(MVN) -q spotless:apply

clean: ## Remove build output and local run data
	$(MVN) -q clean
	rm -rf .data
