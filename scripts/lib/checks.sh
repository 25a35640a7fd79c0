# shellcheck shell=bash
# The pass/fail bookkeeping of the test scripts (e2e, chaos, jar-check, prod-test): source it, then
# `checks_init NAME`. It defines say (a line prefixed "NAME: "), check DESCRIPTION COMMAND... (runs
# the command, counts and prints "ok" or "FAIL"), and the counters passed and failed, which the
# script reports at its end with checks_summary (its exit status is 0 only when nothing failed).

checks_init() { # name: the prefix of every line
  CHECKS_NAME="$1"
  passed=0
  failed=0
}

say() { echo "$CHECKS_NAME: $*"; }

check() { # description, then a command that must succeed
  local what="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    say "ok    $what"
  else
    failed=$((failed + 1))
    say "FAIL  $what" >&2
  fi
}

checks_summary() { # prints "N passed, M failed"; succeeds when nothing failed
  say "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
