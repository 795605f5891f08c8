#!/usr/bin/env bash
# Every scenario of the benchmarks issue in one run: our sample cluster, the Node.js reference
# cluster (only when ../shared is present) and single-node netty-socketio, alternating, medians
# over rounds, a markdown table printed and written to benchmarks/results/latest.md.
# Usage: benchmarks/run.sh [--quick] [--no-build]
#   --quick     one round, shorter windows (about 5 minutes instead of 15)
#   --no-build  reuse sample-app/target/sample-app.jar and benchmarks/target/benchmarks.jar
# MVN overrides the Maven command (default: the wrapper), e.g. MVN="mvn -o" offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
options=()
build=true
for arg in "$@"; do
  case $arg in
    --quick) options+=(--quick) ;;
    --no-build) build=false ;;
    *) echo "usage: benchmarks/run.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done
if $build; then
  echo "building the sample jar and the benchmarks jar..." >&2
  ${MVN:-./mvnw} -B -q -DskipTests -pl sample-app,benchmarks -am package
fi
anchor=$root/../shared/anchors/node-cluster/start.sh
if [[ -d $root/../shared && -f $anchor ]]; then
  options+=(--node "$anchor")
fi
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || true)
exec java -Xms256m -Xmx1g -jar benchmarks/target/benchmarks.jar run "${options[@]}" \
  --sample-jar sample-app/target/sample-app.jar --benchmarks-jar benchmarks/target/benchmarks.jar \
  --output benchmarks/results/latest.md --logs benchmarks/target/logs ${commit:+--commit "$commit"}
