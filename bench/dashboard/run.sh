#!/usr/bin/env bash
# Dashboard benchmark: progress latency (a chunk's verdicts recorded -> the job page's progress bar moving) over an
# N-row job, and the time to interactive of the home and job pages, on the embedded default: the service's jar
# started as `./mailsift run` starts it (fresh data directory, free port), driven by the system's headless Chromium.
#   bench/dashboard/run.sh [--rows N] [--warmup-rows N] [--loads K] [--quiet-ms Q] [--keep-data] [--name=value ...]
# Builds web/target/mailsift.jar if it is missing, and bench's classes and classpath when bench's sources changed
# (tests skipped, nothing installed into ~/.m2). The service's log goes to bench/target/dashboard-app.log.
# Extra JVM options: BENCH_JAVA_OPTS for this driver, MAILSIFT_JAVA_OPTS for the service (as ./mailsift run).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/jdk.sh

if [ ! -f web/target/mailsift.jar ]; then
  echo "building web/target/mailsift.jar (tests skipped) ..." >&2
  ./mvnw -B -o -q package -DskipTests -pl web -am >&2
fi
classpath=bench/target/dashboard-classpath.txt
if [ ! -f "$classpath" ] || [ ! -f bench/target/classes/dev/mailsift/bench/dashboard/DashboardBenchmark.class ] \
   || [ -n "$(find bench/src bench/pom.xml validation-engine/src pom.xml -newer "$classpath" -print -quit)" ]; then
  echo "building bench (tests skipped) ..." >&2
  # in one reactor with validation-engine, whose test-jar (TestDnsServer) then comes from its target/, not ~/.m2
  ./mvnw -B -o -q package org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -DskipTests -pl bench -am -DincludeScope=runtime \
    -Dmdep.outputFile="$PWD/bench/target/dashboard-bench.cp" >&2
  echo "bench/target/classes:$(cat bench/target/dashboard-bench.cp)" > "$classpath"
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx512m} -cp "$(cat "$classpath")" \
  dev.mailsift.bench.dashboard.DashboardBenchmark "$@"
