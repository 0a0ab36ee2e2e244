#!/usr/bin/env bash
# HTTP /write throughput: Burnwatch vs Debian's influxd 1.6.7, same client, same batches, one run.
#   bench/write-load.sh [seconds per server (20)] [connections (4)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v influxd >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq influxdb >/dev/null; }
mvn -q -B -DskipTests -pl api,bench -am package
exec java -Xmx512m -cp bench/target/benchmarks.jar io.burnwatch.bench.WriteLoadHarness "$PWD" "${1:-20}" "${2:-4}"
