#!/usr/bin/env bash
# Pipeline benchmark: upload -> results ready for N rows through a MailSift booted in-process, against the
# machine's PostgreSQL (127.0.0.1:5432, trust auth) and RabbitMQ (127.0.0.1:5672, guest/guest).
#   bench/pipeline/run.sh [--rows N] [--smtp] [--embedded] [--chunk-size N] [--workers N] [--keep-db] [--name=value ...]
# Builds web + bench (tests skipped) when their sources are newer than the last build, then runs
# dev.mailsift.bench.pipeline.PipelineBenchmark on web/target/classes + web's runtime classpath + bench's
# (web's jar is the Spring Boot fat jar, so the shaded bench jar cannot carry the application).
# Extra JVM options: BENCH_JAVA_OPTS (default -Xmx2g). The application's log goes to bench/target/pipeline-app.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/jdk.sh

stamp=bench/target/pipeline-classpath.txt
if [ ! -f "$stamp" ] || [ ! -f bench/target/classes/dev/mailsift/bench/pipeline/PipelineBenchmark.class ] \
   || [ -n "$(find core-api validation-engine command-side query-side web bench pom.xml -path '*/target' -prune -o \
              \( -name '*.java' -o -name '*.xml' -o -name '*.yml' -o -name '*.sql' -o -name '*.html' \) -newer "$stamp" -print -quit)" ]; then
  echo "building web and bench (tests skipped) ..." >&2
  # validation-engine and command-side with their test-jars (TestDnsServer, ScriptedSmtpServer; S3ProxyServer, which
  # web's tests need resolved); the rest without compiling tests, so a test being edited elsewhere in the tree does
  # not stop the benchmark
  ./mvnw -q -B install -DskipTests -pl core-api,validation-engine,command-side -am >&2
  ./mvnw -q -B install -Dmaven.test.skip=true -pl query-side,web,bench >&2
  ./mvnw -q -B -pl web dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=../bench/target/pipeline-web.cp >&2
  ./mvnw -q -B -pl bench dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/pipeline-bench.cp >&2
  # the application's own classpath first, so its versions win; bench's extras (test-jar, SubEthaSMTP) after
  echo "bench/target/classes:web/target/classes:$(cat bench/target/pipeline-web.cp):$(cat bench/target/pipeline-bench.cp)" > "$stamp"
fi

exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$(cat "$stamp")" dev.mailsift.bench.pipeline.PipelineBenchmark "$@"
