package io.taskfleet.producer;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.time.EpochClock;
import io.taskfleet.producer.report.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a run's {@link Timeline} from its results: each result says on which thread its task ran,
 * when its computation started (the worker's wall clock) and how long it took. Memory is bounded
 * whatever the number of tasks: spans closer than a gap are merged, and the gap doubles (for every
 * lane, so all lanes keep one resolution) whenever a lane would hold more than {@link #MAX_SPANS}.
 */
final class TimelineRecorder {

  static final int MAX_SPANS = 500;
  static final int MAX_LANES = 256;
  private static final long FIRST_GAP_MICROS = 50;

  private record LaneKey(String process, String thread) {}

  private final EpochClock clock = new EpochClock();
  private volatile long startEpochMicros = clock.nowMicros();
  private final Map<LaneKey, TreeMap<Long, Long>> lanes =
      new TreeMap<>(
          java.util.Comparator.comparing(LaneKey::process).thenComparing(LaneKey::thread));
  private long gapMicros = FIRST_GAP_MICROS;

  /** Marks the run's start: spans are measured from now. */
  void started() {
    startEpochMicros = clock.nowMicros();
  }

  synchronized void result(TaskResult result) {
    long started = result.timings().startedAtEpochMicros();
    if (started == 0) {
      return;
    }
    LaneKey key = new LaneKey(result.worker().boundedProcess(), result.worker().boundedThread());
    TreeMap<Long, Long> spans = lanes.get(key);
    if (spans == null) {
      if (lanes.size() >= MAX_LANES) {
        return;
      }
      spans = new TreeMap<>();
      lanes.put(key, spans);
    }
    long from = started - startEpochMicros;
    long to = from + Math.max(1, result.timings().computeNanos() / 1_000);
    add(spans, from, to, gapMicros);
    if (spans.size() > MAX_SPANS) {
      coarsen();
    }
  }

  /** Adds {@code [from, to]}, merged with every span it overlaps or nearly touches. */
  private static void add(TreeMap<Long, Long> spans, long from, long to, long gap) {
    Map.Entry<Long, Long> before = spans.floorEntry(from);
    if (before != null && before.getValue() + gap >= from) {
      from = before.getKey();
      to = Math.max(to, before.getValue());
    }
    for (Map.Entry<Long, Long> after = spans.ceilingEntry(from);
        after != null && after.getKey() <= to + gap;
        after = spans.ceilingEntry(from)) {
      to = Math.max(to, after.getValue());
      spans.remove(after.getKey());
    }
    spans.put(from, to);
  }

  private void coarsen() {
    while (lanes.values().stream().anyMatch(s -> s.size() > MAX_SPANS)) {
      gapMicros *= 2;
      for (Map.Entry<LaneKey, TreeMap<Long, Long>> lane : lanes.entrySet()) {
        TreeMap<Long, Long> merged = new TreeMap<>();
        lane.getValue().forEach((from, to) -> add(merged, from, to, gapMicros));
        lane.setValue(merged);
      }
    }
  }

  /** The timeline of a run that lasted {@code millis}. */
  synchronized Timeline timeline(double millis) {
    List<Timeline.Lane> out = new ArrayList<>();
    lanes.forEach(
        (key, spans) -> {
          List<double[]> busy = new ArrayList<>(spans.size());
          spans.forEach((from, to) -> busy.add(new double[] {round(from), round(to)}));
          out.add(new Timeline.Lane(key.process(), key.thread(), busy));
        });
    return new Timeline(Math.round(millis * 1000) / 1000.0, out);
  }

  private static double round(long micros) {
    return micros / 1000.0;
  }
}
