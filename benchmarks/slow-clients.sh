#!/usr/bin/env bash
# What clients that stop reading hold in a worker: the sample cluster with one worker, a flood
# of broadcasts (500/s of 10 KB for 20 s by default) with no stalled client (the margin), with
# 50 WebSocket clients that stopped reading and the outbound limit at its default (1 MB), and
# with the same clients and the limit out of reach. Prints a markdown table. About 3 minutes.
# Usage: benchmarks/slow-clients.sh [--no-build] [--stalled N] [--rate N] [--payload BYTES] [--seconds N]
# MVN overrides the Maven command (default: the wrapper), e.g. MVN="mvn -o" offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=true
options=()
for arg in "$@"; do
  case $arg in
    --no-build) build=false ;;
    *) options+=("$arg") ;;
  esac
done
if $build; then
  echo "building the sample jar and the benchmarks jar..." >&2
  ${MVN:-./mvnw} -B -q -DskipTests -pl sample-app,benchmarks -am package
fi
exec java -Xms256m -Xmx1g -jar benchmarks/target/benchmarks.jar slow-clients \
  --sample-jar sample-app/target/sample-app.jar --logs benchmarks/target/logs "${options[@]}"
