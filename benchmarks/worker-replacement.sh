#!/usr/bin/env bash
# Worker replacement, with and without the standby worker, in one run: two sample clusters
# side by side (socketio.cluster.worker.standby=false and =true), then, in alternating rounds,
# kill -9 of one worker of each until a fresh handshake through the public port lands on that
# worker's id again. Prints every round, the medians, and the memory (VmRSS) of the workers
# and of the standby. Needs the sample jar (./mvnw -B -DskipTests package).
# Usage: benchmarks/worker-replacement.sh [rounds=5] [workers=2]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
workers=${2:-2}
jar="$root/sample-app/target/sample-app.jar"
[ -f "$jar" ] || { echo "$jar is missing: ./mvnw -B -DskipTests package" >&2; exit 1; }
declare -A port=([off]=39210 [on]=39220) log pid
now() { date +%s.%N; }
cleanup() {
  for mode in off on; do
    [ -n "${pid[$mode]:-}" ] && kill "${pid[$mode]}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -f "${log[off]:-}" "${log[on]:-}"
}
trap cleanup EXIT
# current pid of a worker id, from the primary's log: its last launch or adoption
worker_pid() { # mode id
  grep -o -E "Launched worker-$2 \(pid [0-9]+\)|Adopted the standby JVM \(pid [0-9]+\) as worker-$2\b" "${log[$1]}" \
    | tail -n 1 | grep -o 'pid [0-9]*' | cut -d' ' -f2
}
standby_pid() { grep -o 'Launched standby (pid [0-9]*)' "${log[$1]}" | tail -n 1 | grep -o '[0-9]*' || true; }
standbys_ready() { grep -c '^\[standby\].*Standby: ready' "${log[$1]}" || true; }
lands_on() { # mode id: one handshake lands on the worker (first 4 hex digits of the session id)
  curl -s --max-time 2 "http://127.0.0.1:${port[$1]}/socket.io/?EIO=4&transport=polling" \
    | grep -q "\"sid\":\"$(printf '%04x' "$2")"
}
serving() { # mode: distinct worker ids seen in up to 12 handshakes
  for _ in $(seq 1 12); do
    curl -s --max-time 2 "http://127.0.0.1:${port[$1]}/socket.io/?EIO=4&transport=polling" \
      | grep -o '"sid":"[0-9a-f]\{4\}' || break
  done | sort -u | wc -l
}
rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }
for mode in off on; do
  log[$mode]=$(mktemp)
  enabled=$([ "$mode" = on ] && echo true || echo false)
  java -jar "$jar" --server.port=0 --socketio.cluster.port="${port[$mode]}" --socketio.cluster.workers="$workers" \
    --socketio.cluster.worker.standby="$enabled" > "${log[$mode]}" 2>&1 &
  pid[$mode]=$!
done
# one cluster at a time to its full strength: starting JVMs share the same cores
for mode in off on; do
  until [ "$(grep -c '^\[worker-[0-9]*\].*Started SampleApplication' "${log[$mode]}" || true)" -ge "$workers" ]; do sleep 0.2; done
  until [ "$(serving "$mode")" -ge "$workers" ]; do sleep 0.2; done
done
until [ "$(standbys_ready on)" -ge 1 ]; do sleep 0.2; done
echo "both clusters serve with $workers workers; the standby is ready"
declare -A times=([off]="" [on]="")
for round in $(seq 1 "$rounds"); do
  id=$(( (round - 1) % workers + 1 ))
  for mode in off on; do
    ready=$(standbys_ready "$mode")
    victim=$(worker_pid "$mode" "$id")
    t0=$(now)
    kill -9 "$victim"
    # the dead worker's sessions are refused at once; wait for a session on its successor
    until [ "$(worker_pid "$mode" "$id")" != "$victim" ] && lands_on "$mode" "$id"; do sleep 0.02; done
    t1=$(now)
    took=$(echo "$t1 - $t0" | bc)
    times[$mode]+="$(printf "%.2f" "$took") "
    printf 'round %d, standby %-3s: worker %d killed, serving again after %.2f s\n' "$round" "$mode" "$id" "$took"
    # the next round starts once this cluster is whole again: a fresh standby ready, if any
    [ "$mode" = on ] && until [ "$(standbys_ready on)" -gt "$ready" ]; do sleep 0.2; done
    sleep 2
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo
echo "| standby | kill -9 until serving again, median of $rounds (s) | rounds (s) |"
echo "|---|---:|---|"
for mode in off on; do
  printf '| %s | %.2f | %s|\n' "$mode" "$(echo "${times[$mode]}" | median)" "${times[$mode]}"
done
echo
standby=$(standby_pid on)
for id in $(seq 1 "$workers"); do echo "worker $id (standby on) VmRSS: $(rss_mb "$(worker_pid on "$id")") MB"; done
echo "standby VmRSS: $(rss_mb "$standby") MB"
