#!/usr/bin/env bash
# Load soak: N tiny tasks (--iterations 0) through the real broker, producer and two workers all
# at -Xmx256m; prints throughput and peak RSS (VmHWM) of every process. Not part of `mvn verify`
# (it takes minutes). Usage: scripts/load-soak.sh [TASKS...]   (default: 100000 1000000)
# Needs AMQP_URL (default amqp://guest:guest@localhost:5672/%2F) and the jars from `mvn package`.
set -euo pipefail
cd "$(dirname "$0")/.."
url="${AMQP_URL:-amqp://guest:guest@localhost:5672/%2F}"
queue="load-$(date +%s)-$$"
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(100000 1000000)
work=$(mktemp -d)
workers=()
# Run from copies, so a rebuild during the soak does not swap the jars under running JVMs.
cp worker/target/worker.jar producer/target/producer.jar "$work/"

hwm() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
cleanup() {
  for p in "${workers[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # Remove what this run declared, through the management API (port 15672 on the URL's host).
  read -r user pass host < <(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(u.unquote(p.username or "guest"), u.unquote(p.password or "guest"), p.hostname)' "$url")
  for q in "$queue" "$queue.dead"; do
    curl -s -o /dev/null -u "$user:$pass" -X DELETE "http://$host:15672/api/queues/%2F/$q" || true
  done
  curl -s -o /dev/null -u "$user:$pass" -X DELETE "http://$host:15672/api/exchanges/%2F/$queue.dlx" || true
  rm -rf "$work"
}
trap cleanup EXIT

for i in 1 2; do
  java -Xmx256m -jar "$work/worker.jar" --amqp-url "$url" --queue "$queue" --prefetch 200 \
    >"$work/worker$i.log" 2>&1 &
  workers+=($!)
done

for n in "${counts[@]}"; do
  java -Xmx256m -jar "$work/producer.jar" --amqp-url "$url" --queue "$queue" \
    --tasks "$n" --iterations 0 --await-workers 2 --timeout 1800 --progress lines \
    --json "$work/report-$n.json" >"$work/producer-$n.out" 2>"$work/producer-$n.err" &
  p=$!; peak=0
  while kill -0 "$p" 2>/dev/null; do h=$(hwm "$p"); [ "${h:-0}" -gt "$peak" ] && peak=$h; sleep 0.5; done
  wait "$p" && code=0 || code=$?
  python3 - "$work/report-$n.json" "$n" "$peak" "$code" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]
print(f"LOAD tasks={sys.argv[2]} exit={sys.argv[4]} completed={r['completed']} missing={r['missing']} "
      f"duplicates={r['duplicates']} elapsed_s={r['elapsedSeconds']} tasks_per_s={r['tasksPerSecond']} "
      f"producer_peak_rss_mb={int(sys.argv[3])/1024:.0f}")
PY
done
for i in 0 1; do echo "LOAD worker$((i+1)) peak_rss_mb=$(( $(hwm "${workers[$i]}") / 1024 ))"; done
