#!/usr/bin/env bash
# Fuzzes every Jazzer fuzz test (@FuzzTest) for SECONDS each (default 30): the compiler from raw
# bytes, template rendering, the webhook payload parsers and the Standard Webhooks verifier
# (docs/security.md#fuzzing). Jazzer fuzzes only one fuzz test per JVM ("Only a single fuzz test
# should be executed per fuzzing run"), so each one gets its own Maven/surefire run with
# JAZZER_FUZZ=1; JAZZER_MAX_DURATION overrides the tests' @FuzzTest(maxDuration).
#
# Each run starts from the committed inputs (src/test/resources/**/<Class>Inputs/<method>/) plus
# the corpus earlier runs grew in <module>/.cifuzz-corpus/ (git-ignored). A finding fails the run:
# Jazzer writes the input next to the committed ones (crash-<sha1>), where `./mvnw verify`
# replays it from then on. Fix the bug, or mark the test @Disabled with the reason, and commit
# the input as a regression test.
#
#   scripts/fuzz.sh [SECONDS] [FILTER]    FILTER: a substring of the target names below
#   make fuzz FUZZ_SECONDS=600
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${1:-30}"
filter="${2:-}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: scripts/fuzz.sh [SECONDS] [FILTER]" >&2
  exit 2
fi
MVN=(./mvnw -B -q)

# module, test class#method, and the classes Jazzer instruments for coverage. By default it
# instruments only the project's own classes (not the jars); the parsers and CEL that our code
# drives are where the interesting branches are, so they are added per target.
ours='dev.runbooks.**'
targets=(
  "language dev.runbooks.language.compile.CompilerFuzzTest#compileBytes $ours:org.yaml.snakeyaml.**:com.fasterxml.jackson.dataformat.yaml.**"
  "language dev.runbooks.language.expr.TemplatesFuzzTest#render $ours:dev.cel.**"
  "starter dev.runbooks.starter.intake.internal.PayloadFuzzTest#groupedPayload $ours:com.fasterxml.jackson.core.**"
  "starter dev.runbooks.starter.intake.internal.PayloadFuzzTest#genericPayload $ours:com.fasterxml.jackson.core.**"
  "starter dev.runbooks.starter.intake.internal.SignatureFuzzTest#checkSignature $ours"
)

logs=target/fuzz
mkdir -p "$logs"
start=$SECONDS
echo "fuzz: compiling the tests"
if ! "${MVN[@]}" test-compile -pl language,starter -am -Dspotless.check.skip=true >"$logs/compile.log" 2>&1; then
  tail -n 40 "$logs/compile.log" >&2
  exit 1
fi

failed=()
for target in "${targets[@]}"; do
  read -r module test instrument <<<"$target"
  name="${test##*.}"
  [[ -z "$filter" || "$name" == *"$filter"* ]] || continue
  log="$logs/${name/\#/.}.log"
  echo "fuzz: $name for ${seconds}s"
  # -am so that starter runs against the reactor's language and workflows, not ~/.m2; the other
  # modules have no test matching -Dtest, so nothing else runs.
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" JAZZER_INSTRUMENTATION_INCLUDES="$instrument" \
    "${MVN[@]}" test -pl "$module" -am -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true >"$log" 2>&1
  rc=$?
  report="$module/target/surefire-reports/${test%%#*}-output.txt"
  summary=$(grep -h -E '^Done [0-9]+ runs in' "$report" "$log" 2>/dev/null | tail -n 1)
  corpus=$(grep -h -E '^#[0-9]+' "$report" "$log" 2>/dev/null | tail -n 1 | grep -o -E 'corp: [0-9]+/[0-9]+[a-zA-Z]*')
  if ((rc == 0)); then
    echo "fuzz: $name passed: ${summary:-no summary} (${corpus:-corpus ?})"
  else
    failed+=("$name")
    echo "fuzz: $name FAILED (${summary:-no summary}); log: $log, Jazzer output: $report" >&2
    grep -h -E -A 12 '== Java Exception|FuzzTestFindingException|Crashing input|crash-' "$report" "$log" 2>/dev/null | head -n 40 >&2
    git status --short --untracked-files=all -- '*/src/test/resources/*Inputs/*' >&2
  fi
done
echo "fuzz: done in $((SECONDS - start))s"
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
