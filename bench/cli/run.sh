#!/usr/bin/env bash
# CLI benchmark: `verify --offline --stdin` over N addresses as a whole process (JVM start to exit), against JMail
# as a whole process (dev.mailsift.bench.engine.JmailCliMain) on the same file, in the same run, alternating.
#   bench/cli/run.sh [N=1000000] [rounds=3]
# The file (bench/target/cli-N.txt, fixed seed) is written once by dev.mailsift.bench.engine.CliCorpusMain.
# Builds validation-engine and bench (tests skipped, nothing installed) when their jars are missing.
# Extra JVM options for both: CLI_JAVA_OPTS (default none). Last line: both medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
rounds=${2:-3}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
engine=validation-engine/target/mailsift-engine.jar
if [ ! -f "$engine" ] || [ ! -f bench/target/classes/dev/mailsift/bench/engine/JmailCliMain.class ]; then
  echo "building validation-engine and bench (tests skipped) ..." >&2
  ./mvnw -q -B -o package -pl validation-engine,bench -DskipTests >&2
fi
jmail_jar=$(find "${HOME}/.m2/repository/com/sanctionco/jmail" -name 'jmail-*.jar' ! -name '*sources*' | sort -V | tail -1)
corpus=bench/target/cli-$n.txt
if [ ! -f "$corpus" ]; then
  "$J" -cp bench/target/classes dev.mailsift.bench.engine.CliCorpusMain "$n" > "$corpus"
fi

# seconds, wall clock, of one whole process reading $corpus and writing $2
timed() {
  local out=$1; shift
  local t0=$EPOCHREALTIME
  "$@" < "$corpus" > "$out"
  local t1=$EPOCHREALTIME
  echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}

ours=(); theirs=()
for ((r = 1; r <= rounds; r++)); do
  m=$(timed bench/target/cli-mailsift.jsonl "$J" ${CLI_JAVA_OPTS:-} -jar "$engine" verify --offline --stdin)
  j=$(timed bench/target/cli-jmail.jsonl "$J" ${CLI_JAVA_OPTS:-} -cp "bench/target/classes:$jmail_jar" dev.mailsift.bench.engine.JmailCliMain)
  echo "round $r: mailsift $m s, jmail $j s (load $(cut -d' ' -f1-3 /proc/loadavg))"
  ours+=("$m"); theirs+=("$j")
done
lines_m=$(wc -l < bench/target/cli-mailsift.jsonl)
lines_j=$(wc -l < bench/target/cli-jmail.jsonl)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mm=$(median "${ours[@]}"); jm=$(median "${theirs[@]}")
echo "cli: $n addresses, whole process, median of $rounds: mailsift $mm s, jmail $jm s, ratio $(awk -v a="$mm" -v b="$jm" 'BEGIN {printf "%.2f", a / b}') (output lines: mailsift $lines_m, jmail $lines_j)"
