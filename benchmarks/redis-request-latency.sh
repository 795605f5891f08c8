#!/usr/bin/env bash
# fetchSockets and server-side-emit round trips across hosts over Redis, with the JIT settled:
# four of our sample's standalone peers (transport=redis) and four Node.js servers with
# @socket.io/redis-adapter (js-clients/redis-node-server.js) on one redis-server started here,
# each fleet under its own channel prefix, in classic or sharded mode. Measured with the
# official client (request-latency.js) through one process of each fleet, whose requests reach
# the other three over Redis: five passes of 1000 requests of each kind first, uncounted (as
# benchmarks/request-latency.sh does for the IPC cluster), then ROUNDS rounds of REQUESTS,
# alternating between the fleets. Prints one JSON line per fleet and round, then the medians.
# Usage: benchmarks/redis-request-latency.sh [classic|sharded] [rounds=5] [clients=100] [requests=500]
# Needs: redis-server, node, the sample jar (./mvnw -B -DskipTests package) and js-clients/node_modules.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-classic}
rounds=${2:-5}
clients=${3:-100}
requests=${4:-500}
jar=$root/sample-app/target/sample-app.jar
[[ $mode == classic || $mode == sharded ]] || { echo "mode: classic or sharded" >&2; exit 2; }
command -v redis-server > /dev/null || { echo "needs redis-server (Debian: apt-get install redis-server)" >&2; exit 1; }
[[ -f $jar ]] || { echo "needs $jar: ./mvnw -B -DskipTests package" >&2; exit 1; }
[[ -d $root/js-clients/node_modules ]] || (cd "$root/js-clients" && npm ci --no-audit --no-fund --loglevel=error)
logs=$(mktemp -d)
# free loopback ports, so that the script never meets a server someone else runs
free_ports() { python3 -c 'import socket,sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
[x.bind(("127.0.0.1", 0)) for x in s]
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"; }
read -r -a ports <<< "$(free_ports 9)"
redis_port=${ports[0]}
ours_ports=("${ports[@]:1:4}")
node_ports=("${ports[@]:5:4}")
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }
# every process started here leads its own process group: stopping it stops it and nothing else
groups=()
start() { setsid "$@" & groups+=($!); }
cleanup() { for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done; wait 2> /dev/null || true; rm -rf "$logs"; }
trap cleanup EXIT

start redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$logs/redis.log" 2>&1
wait_port "$redis_port"
url=redis://127.0.0.1:$redis_port
for i in 0 1 2 3; do
  start java -jar "$jar" --server.port=0 --server.address=127.0.0.1 --socketio.cluster.role=standalone \
    --socketio.cluster.port="${ours_ports[$i]}" --socketio.cluster.transport=redis --socketio.cluster.redis.mode="$mode" \
    --socketio.cluster.redis.prefix=ours --spring.data.redis.url="$url" --sample.node-name="ours-$i" \
    --socketio.server.worker-threads=1 > "$logs/ours-$i.log" 2>&1
  start env PORT="${node_ports[$i]}" REDIS_URL="$url" ADAPTER="$mode" WORKER="node-$i" PREFIX=nodes \
    node "$root/js-clients/redis-node-server.js" > "$logs/node-$i.log" 2>&1 < /dev/null
done
for p in "${ours_ports[@]}" "${node_ports[@]}"; do
  wait_port "$p" || { echo "a server did not listen on $p; logs:" >&2; tail -n 20 "$logs"/*.log >&2; exit 1; }
done
sleep 5
measure() { node "$root/benchmarks/request-latency.js" "http://127.0.0.1:$1" "$clients" "$2"; }
for port in "${ours_ports[0]}" "${node_ports[0]}"; do
  for _ in 1 2 3 4 5; do measure "$port" 1000 > /dev/null; done
done
results=$logs/results
for round in $(seq 1 "$rounds"); do
  for fleet in ours node; do
    if [[ $fleet == ours ]]; then port=${ours_ports[0]}; else port=${node_ports[0]}; fi
    line="$round $fleet $(measure "$port" "$requests")"
    echo "$line" | tee -a "$results"
  done
done
python3 - "$results" "$mode" <<'EOF'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    round_, fleet, data = line.split(" ", 2)
    rows.setdefault(fleet, []).append(json.loads(data))
print(f"{sys.argv[2]}: medians of {len(rows['ours'])} rounds [smallest, largest], ours/Node round by round")
for kind, name in (("who", "fetchSockets"), ("cluster", "serverSideEmit with acks")):
    for q in ("p50", "p99"):
        ours = [r[kind][q] for r in rows["ours"]]
        node = [r[kind][q] for r in rows["node"]]
        ratios = [a / b for a, b in zip(ours, node)]
        print(f"  {name} {q} ms: ours {statistics.median(ours):.2f} [{min(ours):.2f}, {max(ours):.2f}], "
              f"Node {statistics.median(node):.2f} [{min(node):.2f}, {max(node):.2f}], ours/Node "
              f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}, lower in "
              f"{sum(r < 1 for r in ratios)} of {len(ratios)})")
EOF
