#!/usr/bin/env python3
"""The table of scripts/latency-bench.sh: measured beside the model, as Markdown.

    scripts/latency-table.py [OUT_DIR...]   (default target/latency-bench)

Several OUT_DIRs (passes of the benchmark) are pooled: a cell's counted rounds from every pass
make one list, whose median, min and max are shown.

Model, per cell (delay D each way, chunk setting), from the same setting with no proxy:
    predicted = T0 + 2D + (m / P) * 4D        (no overlap)
    hidden    = T0 + 2D                       (full overlap)
T0: the median elapsed of the same chunk and prefetch setting with no proxy (D = 0), pooled the
same way. m: messages per worker (the run's messages / 2, averaged over passes). P: the
prefetch of the workers (a fixed --prefetch when one was given, else the median of the values
the workers re-chose during the cell, from their logs). 2D: the first task's way out to a
worker and the last result's way back. 4D per message: two added round trips hold each
message's prefetch slot, result publish -> confirm (2D), then ack -> next delivery (2D); with
P slots and no overlap with compute or with each other, every P messages wait 4D more than on
one host. "hidden" is the other end: the prefetch covers the round trips entirely.
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
            key, {"rounds": [], "messages": [], "prefetch": [], "tasks": run["tasks"]}
        )
        cell["rounds"] += run["rounds"]["elapsedSeconds"]
        cell["messages"].append(run["messages"])
        for log in glob.glob(os.path.join(out, name + "-worker*.log")):
            text = open(log, errors="replace").read()
            values = re.findall(r"prefetch \d+ -> (\d+)", text) or re.findall(r"prefetch (\d+)", text)
            cell["prefetch"] += [int(v) for v in values]

print("| delay each way | chunk | messages | prefetch P | elapsed median (min-max) | rounds | tasks/s"
      " | predicted (no overlap) | measured / predicted | hidden (full overlap) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for key in sorted(cells, key=lambda k: (k[2] or "", k[1], k[0])):
    delay, chunk, fixed = key
    cell = cells[key]
    median = statistics.median(cell["rounds"])
    p = int(fixed) if fixed else (statistics.median(cell["prefetch"]) if cell["prefetch"] else None)
    messages = statistics.mean(cell["messages"])
    shown = "-".join(str(x) for x in sorted({min(cell["messages"]), max(cell["messages"])}))
    base = cells.get((0, chunk, fixed))
    predicted = hidden = None
    if base and p:
        t0 = statistics.median(base["rounds"])
        d = delay / 1000.0
        predicted = t0 + 2 * d + (messages / 2 / p) * 4 * d
        hidden = t0 + 2 * d
    label = chunk + (f", `--prefetch {fixed}`" if fixed else "")
    print(f"| {delay} ms | {label} | {shown} | {'-' if p is None else f'{p:.1f}'} "
          f"| {median:.3f} s ({min(cell['rounds']):.3f}-{max(cell['rounds']):.3f}) "
          f"| {len(cell['rounds'])} | {cell['tasks'] / median:,.0f} "
          f"| {'-' if predicted is None else f'{predicted:.3f} s'} "
          f"| {'-' if predicted is None else f'{median / predicted:.2f}'} "
          f"| {'-' if hidden is None else f'{hidden:.3f} s'} |")
