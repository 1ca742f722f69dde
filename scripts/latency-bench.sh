#!/usr/bin/env bash
# Workers on "other hosts": the fleet with both workers reaching the broker through a TCP proxy
# that delays every byte by D ms each way (DelayProxy, in the producer's test code; the kernel
# here has no netem). The producer talks to the broker directly.
#
#   mvn -B -q package -DskipTests   (also compiles DelayProxy into producer/target/test-classes)
#   scripts/latency-bench.sh [OUT_DIR]
#
# Environment: DELAYS (ms each way, default "0 1 5 20"), CHUNKS (default "1 auto"), TASKS (500),
# TASKS_20MS_CHUNK1 (tasks for D=20 at chunk 1, default TASKS), ITERATIONS (4000000),
# WARMUP (1), REPEAT (3), WORKER_PREFETCH (empty: the worker's own choice), BROKER_HOST
# (127.0.0.1), BROKER_PORT (5672). One JSON report per cell in OUT_DIR (default
# target/latency-bench), a log per process beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-target/latency-bench}
DELAYS=${DELAYS:-"0 1 5 20"}
CHUNKS=${CHUNKS:-"1 auto"}
TASKS=${TASKS:-500}
TASKS_20MS_CHUNK1=${TASKS_20MS_CHUNK1:-$TASKS}
ITERATIONS=${ITERATIONS:-4000000}
WARMUP=${WARMUP:-1}
REPEAT=${REPEAT:-3}
WORKER_PREFETCH=${WORKER_PREFETCH:-}
BROKER_HOST=${BROKER_HOST:-127.0.0.1}
BROKER_PORT=${BROKER_PORT:-5672}
RUN_ID=$(date -u +%Y%m%d%H%M%S)-$$
mkdir -p "$OUT"

for jar in worker/target/worker.jar producer/target/producer.jar; do
  [[ -f $jar ]] || { echo "missing $jar: mvn -B -q package -DskipTests" >&2; exit 2; }
done
[[ -f producer/target/test-classes/io/taskfleet/producer/bench/DelayProxy.class ]] \
  || { echo "missing DelayProxy: mvn -B -q package -DskipTests" >&2; exit 2; }

PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap stop_all EXIT

for delay in $DELAYS; do
  for chunk in $CHUNKS; do
    tasks=$TASKS
    [[ $delay == 20 && $chunk == 1 ]] && tasks=$TASKS_20MS_CHUNK1
    cell="d${delay}-c${chunk}${WORKER_PREFETCH:+-p$WORKER_PREFETCH}"
    queue="bench-lat-$RUN_ID-$cell"
    port=$BROKER_PORT
    if [[ $delay != 0 ]]; then
      java -cp producer/target/test-classes io.taskfleet.producer.bench.DelayProxy \
        0 "$BROKER_HOST" "$BROKER_PORT" "$delay" >"$OUT/$cell-proxy.log" 2>&1 &
      PIDS+=($!)
      for _ in $(seq 100); do
        port=$(sed -n 's/^delay proxy on 127.0.0.1:\([0-9]*\) .*/\1/p' "$OUT/$cell-proxy.log")
        [[ -n $port ]] && break
        sleep 0.1
      done
      [[ -n $port ]] || { echo "the proxy did not start" >&2; exit 1; }
    fi
    for w in 1 2; do
      java -jar worker/target/worker.jar \
        --amqp-url "amqp://guest:guest@127.0.0.1:$port/%2F" --queue "$queue" --threads 1 \
        ${WORKER_PREFETCH:+--prefetch "$WORKER_PREFETCH"} >"$OUT/$cell-worker$w.log" 2>&1 &
      PIDS+=($!)
    done
    echo "== delay ${delay} ms each way, chunk $chunk, $tasks tasks, queue $queue, load: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -jar producer/target/producer.jar --mode fleet \
      --amqp-url "amqp://guest:guest@$BROKER_HOST:$BROKER_PORT/%2F" --queue "$queue" \
      --await-workers 2 --tasks "$tasks" --iterations "$ITERATIONS" --chunk "$chunk" \
      --warmup "$WARMUP" --repeat "$REPEAT" --progress none --json "$OUT/$cell.json" \
      2>&1 | tee "$OUT/$cell-producer.log" | grep -iE "elapsed|messages|chunk auto|prefetch" || true
    stop_all
    rabbitmqctl -q delete_queue "$queue" >/dev/null 2>&1 || true
    rabbitmqctl -q delete_queue "$queue.dead" >/dev/null 2>&1 || true
  done
done
