#!/usr/bin/env bash
# Run the k4s benchmarks: the JMH suite (k4s vs Apache Pekko vs plain JDK) and the control-plane
# harness, then write results.json, results.md, messaging.svg and control-plane.svg.
#
#   scripts/bench.sh              full run on modest settings (about 8 minutes on 2 cores),
#                                 results in docs/benchmarks/
#   scripts/bench.sh --smoke      every benchmark once, very briefly, tiny harness sizes (CI);
#                                 results in k4s-bench/target/bench-smoke/
#
# Options: --no-build (use the existing k4s-bench/target/k4s-bench.jar), --out DIR,
#          --only REGEX (JMH benchmarks to run), --settings 'JMH OPTIONS' (instead of the
#          mode's forks, warm-up and measurement), --no-harness, --no-jmh.
# Exits non-zero if the build, any benchmark, the harness or the report fails. No timing is
# asserted: the numbers are written down, never checked against a threshold.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

mode=full build=1 out="" only="" harness=1 jmh=1 custom=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --no-build) build=0 ;;
    --no-harness) harness=0 ;;
    --no-jmh) jmh=0 ;;
    --out) [ $# -ge 2 ] || { echo "bench.sh: --out needs a directory" >&2; exit 2; }; out="$2"; shift ;;
    --only) [ $# -ge 2 ] || { echo "bench.sh: --only needs a regular expression" >&2; exit 2; }; only="$2"; shift ;;
    --settings) [ $# -ge 2 ] || { echo "bench.sh: --settings needs JMH options" >&2; exit 2; }; custom="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$out" ]; then
  if [ "$mode" = smoke ]; then out=k4s-bench/target/bench-smoke; else out=docs/benchmarks; fi
fi

java_major() { # the major version of $1/bin/java, or 0
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  echo "${v:-0}"
}
if ! { [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; }; then
  best="" best_v=0
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] || { echo "bench.sh: no JDK >= 21 found; set JAVA_HOME" >&2; exit 1; }
  export JAVA_HOME="$best"
fi
export PATH="$JAVA_HOME/bin:$PATH"
major=$(java_major "$JAVA_HOME")

jar=k4s-bench/target/k4s-bench.jar
if [ "$build" = 1 ]; then
  echo "== building $jar"
  mvn -B -q -pl k4s-bench -am package -DskipTests
fi
[ -f "$jar" ] || { echo "bench.sh: $jar is missing; run without --no-build" >&2; exit 1; }
mkdir -p "$out" k4s-bench/target
raw=k4s-bench/target/jmh-$mode.json   # JMH's full output; the report keeps a copy without raw samples

# JDK 23+ warns on every start that JMH and Pekko use sun.misc.Unsafe; allow it quietly there.
quiet=()
[ "$major" -ge 23 ] && quiet=(--sun-misc-unsafe-memory-access=allow)

{
  echo "mode: $mode"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)"
  echo "nproc: $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo unknown)"
  echo "os: $(uname -sr)"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "java vm: $(java -version 2>&1 | sed -n 3p)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

if [ "$jmh" = 1 ]; then
  if [ "$mode" = smoke ]; then
    # The flood only on the busy machine: its code paths are the same on a quiet one, and
    # each of its 18 combinations costs a forked JVM.
    settings=(-f 1 -wi 0 -i 1 -r 200ms -p load=busy)
  else
    # Pekko and k4s both need several seconds of JIT warm-up on 2 cores before they settle.
    settings=(-f 1 -wi 4 -w 2s -i 5 -r 2s)
  fi
  # shellcheck disable=SC2206 # the options are words on purpose
  [ -n "$custom" ] && settings=($custom)
  echo "== JMH ($mode): ${settings[*]}"
  java "${quiet[@]}" -jar "$jar" "${settings[@]}" -foe true \
    -jvmArgsAppend "-Xms1g -Xmx1g ${quiet[*]}" \
    -rf json -rff "$raw" ${only:+"$only"} | tee "$out/jmh.txt"
fi

if [ "$harness" = 1 ]; then
  echo "== control-plane harness ($mode)"
  if [ "$mode" = smoke ]; then
    java "${quiet[@]}" -Xmx1g -cp "$jar" io.k4s.bench.ControlPlaneHarness --smoke --json "$out/control-plane.json" \
      | tee "$out/control-plane.txt"
  else
    java "${quiet[@]}" -Xms4g -Xmx4g -cp "$jar" io.k4s.bench.ControlPlaneHarness --json "$out/control-plane.json" \
      | tee "$out/control-plane.txt"
  fi
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
[ -f "$raw" ] || { echo "bench.sh: $raw is missing; run the JMH part first" >&2; exit 1; }
echo "== report"
heading="k4s benchmark results ($mode run)"
java -cp "$jar" io.k4s.bench.report.BenchReport --jmh "$raw" --control-plane "$out/control-plane.json" \
  --machine "$out/machine.txt" --heading "$heading" --out "$out"
