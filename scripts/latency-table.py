#!/usr/bin/env python3
"""The table of scripts/latency-bench.sh: measured beside the model, as Markdown.

    scripts/latency-table.py [OUT_DIR...]   (default target/latency-bench)

Several OUT_DIRs (passes of the benchmark) are pooled: a cell's counted rounds from every pass
make one list, whose median, min and max are shown.

Model, per cell (delay D each way, chunk setting):
    predicted = max(T0, m * (c + 4D) / P) + 2D
    no overlap = T0 + 2D + (m / P) * 4D
T0: the median elapsed of the same chunk setting with no proxy (D = 0), pooled the same way.
m: messages per worker (the run's messages / 2, averaged over passes). c: compute per message
at a worker (the run's mean compute per task x tasks per message). P: the prefetch of the
workers (the median of the values they re-chose during the cell, from their logs; a fixed
--prefetch when one was given). Each message holds one of a worker's P prefetch slots for its
compute plus two added round trips: result publish -> confirm (2D), then ack -> next delivery
(2D); so a worker runs at most P messages per (c + 4D), and the delay costs nothing but the
2D of the first task's way out and the last result's way back as long as P * c >= c + 4D.
"no overlap" is the pessimistic bound where every P messages wait the 4D in full.
"""
import glob
import json
import os
import re
import statistics
import sys

dirs = sys.argv[1:] or ["target/latency-bench"]
cells = {}
for out in dirs:
    for path in sorted(glob.glob(os.path.join(out, "d*-c*.json"))):
        name = os.path.basename(path)[:-5]
        m = re.fullmatch(r"d(\d+)-c(\w+?)(?:-p(\d+))?", name)
        if not m:
            continue
        key = (int(m.group(1)), m.group(2), m.group(3))
        run = json.load(open(path))["runs"][0]
        cell = cells.setdefault(
            key, {"rounds": [], "messages": [], "prefetch": [], "compute": [], "tasks": run["tasks"]}
        )
        cell["rounds"] += run["rounds"]["elapsedSeconds"]
        cell["messages"].append(run["messages"])
        cell["compute"].append(run["computeMsMean"] / 1000.0 * run["tasks"] / run["messages"])
        for log in glob.glob(os.path.join(out, name + "-worker*.log")):
            text = open(log, errors="replace").read()
            values = re.findall(r"prefetch \d+ -> (\d+)", text) or re.findall(r"prefetch (\d+)", text)
            cell["prefetch"] += [int(v) for v in values]

print("| delay each way | chunk | messages | prefetch P | elapsed median (min-max) | rounds | tasks/s"
      " | predicted | measured / predicted | no overlap |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for key in sorted(cells, key=lambda k: (k[2] or "", k[1], k[0])):
    delay, chunk, fixed = key
    cell = cells[key]
    median = statistics.median(cell["rounds"])
    p = int(fixed) if fixed else (statistics.median(cell["prefetch"]) if cell["prefetch"] else None)
    messages = statistics.mean(cell["messages"])
    shown = "-".join(str(x) for x in sorted({min(cell["messages"]), max(cell["messages"])}))
    base = cells.get((0, chunk, fixed))
    predicted = upper = None
    if base and p:
        t0 = statistics.median(base["rounds"])
        d = delay / 1000.0
        m = messages / 2
        c = statistics.mean(cell["compute"])
        predicted = max(t0, m * (c + 4 * d) / p) + 2 * d
        upper = t0 + 2 * d + (m / p) * 4 * d
    label = chunk + (f", `--prefetch {fixed}`" if fixed else "")
    print(f"| {delay} ms | {label} | {shown} | {'-' if p is None else f'{p:.1f}'} "
          f"| {median:.3f} s ({min(cell['rounds']):.3f}-{max(cell['rounds']):.3f}) "
          f"| {len(cell['rounds'])} | {cell['tasks'] / median:,.0f} "
          f"| {'-' if predicted is None else f'{predicted:.3f} s'} "
          f"| {'-' if predicted is None else f'{median / predicted:.2f}'} "
          f"| {'-' if upper is None else f'{upper:.3f} s'} |")
