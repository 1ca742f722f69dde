#!/usr/bin/env bash
# The chunk issue's targets, each measured as a ratio or a rate within one run, on whatever
# broker AMQP_URL names (default: the local one). Every cell writes its JSON report to OUT_DIR
# and one summary line to OUT_DIR/summary.txt.
#
#   mvn -B -q package -DskipTests
#   scripts/targets.sh [OUT_DIR] [TARGET ...]      TARGET: seed heavy tiny chunk1 million sleep sweep
#
# Workers are two local JVMs with one compute thread each: spawned by the producer
# (--spawn-workers 2) where its defaults fit, started here where a target needs worker flags
# (-Xmx256m for a million tasks, --io-concurrency 100 for sleeps).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-target/targets}
shift || true
TARGETS=${*:-seed heavy tiny chunk1 million sleep sweep}
export AMQP_URL=${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2F}
RUN_ID=$(date -u +%Y%m%d%H%M%S)-$$
mkdir -p "$OUT"
PRODUCER=(java -jar producer/target/producer.jar --progress none)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap cleanup EXIT

summary() { echo "$*" | tee -a "$OUT/summary.txt"; }

# Deletes a target's queues and exchange through the management API (HTTP on port 15672 of the
# broker's host, the URL's credentials), where it answers; else with rabbitmqctl, where the broker
# is this machine's; otherwise says what is left. Left behind, every quorum queue keeps a little of
# the broker's CPU busy, beside the next target's workers.
delete_topology() {
  delete_topology_http "$1" 2>/dev/null || delete_topology_ctl "$1" ||
    echo "left on the broker: queue $1 and $1.dead, exchange $1.dlx" >&2
}

delete_topology_ctl() {
  command -v rabbitmqctl >/dev/null || return 1
  local vhost
  vhost=$(python3 -c '
import sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
if url.hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit(1)
print(urllib.parse.unquote(url.path[1:]) or "/")' "$AMQP_URL") || return 1
  rabbitmqctl -q delete_queue -p "$vhost" "$1" </dev/null >/dev/null 2>&1 || return 1
  rabbitmqctl -q delete_queue -p "$vhost" "$1.dead" </dev/null >/dev/null 2>&1 || true
  rabbitmqctl -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"$vhost\">>, exchange, <<\"$1.dlx\">>), false, <<\"targets.sh\">>)." </dev/null >/dev/null 2>&1 || true
}

delete_topology_http() {
  python3 - "$AMQP_URL" "$1" <<'PY'
import base64, sys, urllib.parse, urllib.request
url = urllib.parse.urlparse(sys.argv[1])
vhost = urllib.parse.quote(urllib.parse.unquote(url.path[1:] or "/"), safe="")
auth = base64.b64encode(f"{urllib.parse.unquote(url.username or 'guest')}:{urllib.parse.unquote(url.password or 'guest')}".encode()).decode()
for kind, name in (("queues", sys.argv[2]), ("queues", sys.argv[2] + ".dead"), ("exchanges", sys.argv[2] + ".dlx")):
    request = urllib.request.Request(
        f"http://{url.hostname}:15672/api/{kind}/{vhost}/{urllib.parse.quote(name, safe='')}",
        method="DELETE", headers={"Authorization": "Basic " + auth})
    try:
        urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as e:
        if e.code != 404:
            sys.exit(1)
    except OSError:
        sys.exit(1)
PY
}

# json FILE EXPRESSION: evaluates a Python expression over the report (r: runs by mode).
json() {
  python3 - "$1" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
r = {run["mode"]: run for run in report["runs"]}
c = {row["mode"]: row for row in (report.get("comparison") or [])}
print(eval(sys.argv[2]))
PY
}

workers() { # workers QUEUE HEAP [WORKER FLAGS...]
  local queue=$1 heap=$2
  shift 2
  for i in 1 2; do
    java "-Xmx$heap" -jar worker/target/worker.jar --queue "$queue" --threads 1 --metrics-port 0 "$@" \
      >"$OUT/$queue-worker-$i.log" 2>&1 &
    PIDS+=($!)
  done
}

for target in $TARGETS; do
  q="bench-$target-$RUN_ID"
  case $target in
    seed)
      "${PRODUCER[@]}" --queue "$q" --mode all --spawn-workers 2 --warmup auto --repeat 5 \
        --json "$OUT/seed.json" >"$OUT/seed.txt" 2>&1
      summary "seed 500 x 4M: fleet/threads $(json "$OUT/seed.json" \
        '"%.2fx (fleet %.3f s, threads %.3f s, origin %.3f s)" % (r["fleet"]["elapsedSeconds"] / r["threads"]["elapsedSeconds"], r["fleet"]["elapsedSeconds"], r["threads"]["elapsedSeconds"], r["origin"]["elapsedSeconds"])') [target <= 1.15x]"
      ;;
    heavy)
      "${PRODUCER[@]}" --queue "$q" --mode all --spawn-workers 2 --tasks 100 \
        --iterations 300000000 --warmup auto --repeat 3 --json "$OUT/heavy.json" >"$OUT/heavy.txt" 2>&1
      summary "heavy 100 x 300M: fleet efficiency $(json "$OUT/heavy.json" \
        '"%.1f%% (threads %.1f%%)" % (c["fleet"]["efficiency"] * 100, c["threads"]["efficiency"] * 100)') [target >= 95%]"
      ;;
    tiny | chunk1)
      # Warm means warm, by the JVMs' own measure (--warmup auto: until their JIT compilers stay
      # under 5% of their CPU).
      chunk=$([[ $target == tiny ]] && echo auto || echo 1)
      warmup=auto
      "${PRODUCER[@]}" --queue "$q" --mode fleet --spawn-workers 2 --tasks 20000 --iterations 0 \
        --chunk "$chunk" --warmup "$warmup" --repeat 5 --json "$OUT/$target.json" >"$OUT/$target.txt" 2>&1
      summary "tiny 20,000 x 0, chunk $chunk: $(json "$OUT/$target.json" \
        '"%.0f tasks/s, %d messages" % (r["fleet"]["tasksPerSecond"], r["fleet"]["messages"])') [target $([[ $chunk == auto ]] && echo '>= 100,000' || echo '>= 5,000')]"
      ;;
    million)
      workers "$q" 256m
      java -Xmx256m -jar producer/target/producer.jar --progress lines --queue "$q" --mode fleet \
        --await-workers 2 --tasks 1000000 --iterations 0 --timeout 1800 \
        --json "$OUT/million.json" >"$OUT/million.txt" 2>&1
      cleanup
      summary "1,000,000 x 0 at -Xmx256m: $(json "$OUT/million.json" \
        '"%.0f tasks/s, completed %d, missing %d, duplicates %d" % (r["fleet"]["tasksPerSecond"], r["fleet"]["completed"], r["fleet"]["missing"], r["fleet"]["duplicates"])') [target >= 50,000, flat]"
      ;;
    sleep)
      workers "$q" 512m --io-concurrency 100
      "${PRODUCER[@]}" --queue "$q" --mode fleet --await-workers 2 --kind sleep --sleep-ms 10 \
        --tasks 20000 --warmup 4 --repeat 3 --json "$OUT/sleep.json" >"$OUT/sleep.txt" 2>&1
      cleanup
      summary "sleep 20,000 x 10 ms, 2 x 100 in flight: $(json "$OUT/sleep.json" \
        '"%.3f s = %.2fx the ideal 1.0 s" % (r["fleet"]["elapsedSeconds"], r["fleet"]["elapsedSeconds"])') [target <= 1.25x]"
      ;;
    sweep)
      "${PRODUCER[@]}" --queue "$q" --mode all --spawn-workers 2 --warmup auto --repeat 3 \
        --sweep-iterations 0,10000,100000,300000,1000000,4000000 \
        --json "$OUT/sweep.json" --html "$OUT/sweep.html" >"$OUT/sweep.txt" 2>&1
      summary "sweep: $(python3 - "$OUT/sweep.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print("; ".join(
    f"{b['fleet']} vs {b['against']}: from {b['firstWinningIterations']}"
    for b in report.get("breakEven", [])))
PY
) [target: auto beats origin from <= 1,000,000]"
      ;;
    *)
      echo "unknown target '$target': use seed heavy tiny chunk1 million sleep sweep" >&2
      exit 2
      ;;
  esac
  delete_topology "$q"
done
