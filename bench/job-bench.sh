#!/usr/bin/env bash
# The streaming job's benchmarks on a local MiniCluster: throughput (hashmap and RocksDB, next to
# the source alone), state bytes per SLO for a 30-day window, checkpoint size and duration for
# 10 000 SLOs. Builds what they need, runs the three harnesses one after the other, prints a table.
#
#   bench/job-bench.sh [all|throughput|state|checkpoints] [extra flags for the harness(es)]
#
# Sizes are the harnesses' defaults (see each class's javadoc); for a quick look, e.g.
#   bench/job-bench.sh throughput --events 2000000 --warmup-events 500000
#   bench/job-bench.sh checkpoints --slos 1000 --slos-per-service 10 --minutes 2
# BENCH_BUILD_DIR picks the Maven build directory (default target), BENCH_HEAP the heap (default 4g).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

what=${1:-all}
shift || true
build=${BENCH_BUILD_DIR:-target}
heap=${BENCH_HEAP:-4g}

mvn -B -q -Dbw.buildDir="$build" -DskipTests -pl bench -am package
classpath="bench/$build/classes:$(cat "bench/$build/job-bench.classpath")"
# the JVM flags Flink needs on Java 17, from the parent pom (one place for them)
read -r -a opens <<<"$(sed -n 's:.*<flink.addOpens>\(.*\)</flink.addOpens>.*:\1:p' pom.xml)"
jvm=(java "-Xmx$heap" -XX:+UseG1GC "${opens[@]}" -cp "$classpath")
log=$(mktemp -d "${TMPDIR:-/tmp}/burnwatch-job-bench.XXXXXX")

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores)"
run() { # name class flags…
  local name=$1 class=$2
  shift 2
  echo "== $name (log: $log/$name.txt)"
  "${jvm[@]}" "io.burnwatch.bench.job.$class" "$@" 2>&1 | tee "$log/$name.txt"
}
case $what in
  all)
    run state StateSizeHarness --rates 5,50 "$@"
    run throughput JobThroughputHarness "$@"
    run checkpoints CheckpointHarness "$@" ;;
  state) run state StateSizeHarness "$@" ;;
  throughput) run throughput JobThroughputHarness "$@" ;;
  checkpoints) run checkpoints CheckpointHarness "$@" ;;
  *) echo "usage: $0 [all|throughput|state|checkpoints] [flags]" >&2; exit 2 ;;
esac

echo
echo "== summary (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
for f in state throughput checkpoints; do
  [[ -f $log/$f.txt ]] || continue
  case $f in
    state) echo "-- state bytes per SLO (30 days, goal ≤ 65536)"; sed -n '/^SLI /,$p' "$log/$f.txt" ;;
    throughput) echo "-- events/s, source to status (goal ≥ 500 000)"; sed -n '/^run /,$p' "$log/$f.txt" ;;
    checkpoints) echo "-- checkpoints"; sed -n '/^backend /,$p' "$log/$f.txt" ;;
  esac
done
