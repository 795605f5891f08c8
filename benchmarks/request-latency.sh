#!/usr/bin/env bash
# fetchSockets and server-side-emit round trips through the public port, measured with the
# official client (request-latency.js), for our sample cluster and, when ../shared is
# present, the Node.js reference cluster, with 2 and 4 workers, alternating in one run.
# Usage: benchmarks/request-latency.sh [clients=100] [requests=500]
# Needs: ./mvnw -B -DskipTests package (the sample jar) and js-clients/node_modules.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
clients=${1:-100}
requests=${2:-500}
jar=$root/sample-app/target/sample-app.jar
anchor=$root/../shared/anchors/node-cluster/start.sh
# a free loopback port, so that the script never meets a server someone else runs
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; return 1; }
wait_workers() { # until handshakes reach $2 distinct workers (our session ids name them)
  for _ in $(seq 1 600); do
    n=$(for _ in $(seq 1 8); do curl -s "http://127.0.0.1:$1/socket.io/?EIO=4&transport=polling" | grep -o '"sid":"[0-9a-f]\{4\}' ; done | sort -u | wc -l)
    [ "$n" -ge "$2" ] && return 0; sleep 0.5
  done; return 1
}
# every process started here leads its own process group: stopping it stops its children
# (workers, the Node cluster's processes), and nothing else
stop() { kill -TERM -- "-$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
trap 'jobs -p | xargs -r -I{} kill -TERM -- -{} 2>/dev/null' EXIT
measure() { # warm-up passes first: measured with a cold JIT, 4 JVM workers are several times slower
  for _ in 1 2 3 4 5; do node "$root/benchmarks/request-latency.js" "http://127.0.0.1:$port" "$clients" 1000 > /dev/null; done
  node "$root/benchmarks/request-latency.js" "http://127.0.0.1:$port" "$clients" "$requests"
}

for workers in 2 4; do
  setsid java -jar "$jar" --server.port=0 --socketio.cluster.port=$port --socketio.cluster.workers=$workers \
    > /tmp/request-latency-java.log 2>&1 &
  pid=$!
  wait_port $port && wait_workers $port $workers && sleep 2
  echo "java-$workers $(measure)"
  stop $pid
  if [ -x "$anchor" ] || [ -f "$anchor" ]; then
    PORT=$port WORKERS=$workers setsid bash "$anchor" > /tmp/request-latency-node.log 2>&1 &
    pid=$!
    wait_port $port && sleep 5
    echo "node-$workers $(measure)"
    stop $pid
  fi
  sleep 1
done
