#!/usr/bin/env bash
# The api, language, activities and workflows modules built and tested on JDK 25 (the baseline stays
# Java 17: the compiler's --release 17 is unchanged, so this checks that the code, its tests and
# its dependencies also work on the newest LTS). Finds the JDK in JAVA25_HOME, else in
# /usr/lib/jvm; a machine without one says so loudly and skips (CI machines have Temurin 25).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jdk="${JAVA25_HOME:-}"
if [[ -z "$jdk" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    if [[ -x "$candidate/bin/java" ]]; then
      jdk="$candidate"
      break
    fi
  done
fi
if [[ -z "$jdk" || ! -x "$jdk/bin/java" ]]; then
  echo "jdk25: WARNING no JDK 25 found (set JAVA25_HOME); the JDK 25 run is SKIPPED" >&2
  exit 0
fi
version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [[ "$version" != "25" ]]; then
  echo "jdk25: $jdk is Java $version, not 25" >&2
  exit 1
fi
echo "jdk25: api, language, activities and workflows on $jdk"
# ContinueAsNewTest (minutes of simulated polling) already ran on Java 17 in the same make test;
# on JDK 25 the rest of the workflow tests cover the interpreter.
JAVA_HOME="$jdk" ./mvnw -B -q verify -pl api,language,activities,workflows \
  -Dspotless.check.skip=true -Dtest='!ContinueAsNewTest' -Dsurefire.failIfNoSpecifiedTests=false
echo "jdk25: passed"
