# Sourced by the benchmarks' run.sh from the repository's root: exports JAVA_HOME as a JDK 21+, $JAVA_HOME if it is
# one, else the newest under /usr/lib/jvm (or macOS's JavaVirtualMachines); exits when there is none.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java" 2>/dev/null || echo 0)" -lt 21 ] 2>/dev/null; then
  for d in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    if [ -x "${d%/}/bin/javac" ] && [ "$(java_major "${d%/}/bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="${d%/}"; break
    fi
  done
fi
[ -n "${JAVA_HOME:-}" ] || { echo "needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
