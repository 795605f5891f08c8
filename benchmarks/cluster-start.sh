#!/usr/bin/env bash
# Cluster start time (launch of the primary until every worker serves through the public
# port) and worker replacement time (kill -9 of a worker until its replacement serves),
# for the sample cluster. Usage: benchmarks/cluster-start.sh [workers=2]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
workers=${1:-2}
port=39200
now() { date +%s.%N; }
serving() { # distinct worker ids (first 4 hex digits of the session id) seen in up to 12 handshakes;
  # stops at the first refused one, so that probing a starting cluster takes little of its CPU
  for _ in $(seq 1 12); do
    curl -s --max-time 2 "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling" | grep -o '"sid":"[0-9a-f]\{4\}' || break
  done | sort -u
}
log=$(mktemp)
t0=$(now)
java -jar "$root/sample-app/target/sample-app.jar" --server.port=0 --socketio.cluster.port=$port \
  --socketio.cluster.workers="$workers" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
# probe only once every worker has logged its start: handshakes in a loop would take CPU from
# the JVMs starting on the same cores
until [ "$(grep -c '^\[worker-[0-9]*\].*Started SampleApplication' "$log" || true)" -ge "$workers" ]; do sleep 0.1; done
until [ "$(serving | wc -l)" -ge "$workers" ]; do sleep 0.1; done
t1=$(now)
echo "cluster start, $workers workers: $(echo "$t1 - $t0" | bc) s"
victim=$(pgrep -P $pid | head -n 1)
id=$(grep -o "Launched worker-[0-9]* (pid $victim)" "$log" | grep -o 'worker-[0-9]*' | cut -d- -f2)
hex=$(printf '"sid":"%04x' "$id")
started() { grep -c "^\[worker-$id\].*Started SampleApplication" "$log" || true; }
before=$(started)
kill -9 "$victim"
t2=$(now)
# the replacement serves once it has started and a fresh handshake lands on its id again
until [ "$(started)" -gt "$before" ]; do sleep 0.1; done
until serving | grep -q "$hex"; do sleep 0.1; done
t3=$(now)
echo "worker replacement (kill -9 until serving again): $(echo "$t3 - $t2" | bc) s"
