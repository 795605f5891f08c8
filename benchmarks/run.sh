#!/usr/bin/env bash
# Every scenario of the benchmarks issue in one run: our sample cluster, the Node.js reference
# cluster (only when ../shared is present) and single-node netty-socketio, alternating, medians
# over rounds, a markdown table printed and written to benchmarks/results/latest.md.
# With --redis, the multi-host suite instead: four processes on one Redis (our standalone peers,
# Node.js servers with @socket.io/redis-adapter from js-clients), classic and sharded, beside
# our IPC cluster, then Redis killed and restarted under load; written to benchmarks/results/redis.md.
# Usage: benchmarks/run.sh [--quick] [--no-build] [--redis | --redis-outage] [--warm-up-seconds S] [--baseline-sample-jar JAR]
#   --quick         one round, shorter windows (about 5 minutes instead of 15); --redis: 2 rounds, not 5
#   --no-build      reuse sample-app/target/sample-app.jar and benchmarks/target/benchmarks.jar
#   --redis         the Redis suite (about 35 minutes on 2 busy cores); needs redis-server and node
#   --redis-outage  only Redis killed mid-load (about 10 minutes)
#   --warm-up-seconds S  --redis: uncounted fan-out load each fleet carries before its first
#                   window (default 30; --quick 10), every fleet alike
#   --baseline-sample-jar JAR  --redis: another build of the sample (e.g. a copy of sample-app.jar
#                   taken before a change) runs beside it in both modes, same rounds: before/after
# MVN overrides the Maven command (default: the wrapper), e.g. MVN="mvn -o" offline.
set -euo pipefail
invoked=$(pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
options=()
build=true
redis=false
while [[ $# -gt 0 ]]; do
  arg=$1
  shift
  case $arg in
    --quick) options+=(--quick) ;;
    --no-build) build=false ;;
    --redis|--redis-outage) options+=("$arg"); redis=true ;;
    --warm-up-seconds) [[ $# -gt 0 ]] || { echo "--warm-up-seconds needs a number" >&2; exit 2; }
      options+=(--warm-up-seconds "$1"); shift ;;
    --baseline-sample-jar) [[ $# -gt 0 ]] || { echo "--baseline-sample-jar needs a jar" >&2; exit 2; }
      options+=(--baseline-sample-jar "$(cd "$invoked" && realpath "$1")"); shift ;;
    *) echo "usage: benchmarks/run.sh [--quick] [--no-build] [--redis | --redis-outage] [--warm-up-seconds S] [--baseline-sample-jar JAR]" >&2; exit 2 ;;
  esac
done
if $build; then
  echo "building the sample jar and the benchmarks jar..." >&2
  ${MVN:-./mvnw} -B -q -DskipTests -pl sample-app,benchmarks -am package
fi
if $redis; then
  command -v redis-server > /dev/null || { echo "the Redis suite needs redis-server (Debian: apt-get install redis-server)" >&2; exit 1; }
  # the Node servers with @socket.io/redis-adapter run from js-clients (the build installs it
  # only when it runs tests)
  if [[ ! -d $root/js-clients/node_modules/@socket.io/redis-adapter ]]; then
    (cd "$root/js-clients" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  options+=(--js-clients js-clients)
else
  anchor=$root/../shared/anchors/node-cluster/start.sh
  if [[ -d $root/../shared && -f $anchor ]]; then
    options+=(--node "$anchor")
  fi
fi
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || true)
exec java -Xms256m -Xmx1g -jar benchmarks/target/benchmarks.jar run "${options[@]}" \
  --sample-jar sample-app/target/sample-app.jar --benchmarks-jar benchmarks/target/benchmarks.jar \
  --logs benchmarks/target/logs ${commit:+--commit "$commit"}
