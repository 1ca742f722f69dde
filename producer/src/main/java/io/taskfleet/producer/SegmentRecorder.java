package io.taskfleet.producer;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.producer.report.Decomposition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Where a fleet task's time goes, one histogram per segment. Each side measures with its own
 * monotonic clock: the producer its encode, its publish-to-confirm and its round trip and decode;
 * the worker its decode, compute and encode (carried in the result). What happens between (waiting
 * in the queue, both transits) is derived as round trip minus the worker's segments, so no clock is
 * compared across processes. Fed by the run's batch listener. Thread-safe.
 */
final class SegmentRecorder {

  /** One hour in nanoseconds: longer spans are recorded as one hour. */
  private static final long MAX_NANOS = 3_600_000_000_000L;

  private final Map<Decomposition.Segment, Histogram> histograms =
      new EnumMap<>(Decomposition.Segment.class);
  private final Map<Decomposition.Segment, Long> totals =
      new EnumMap<>(Decomposition.Segment.class);

  SegmentRecorder() {
    for (Decomposition.Segment segment : Decomposition.Segment.values()) {
      histograms.put(segment, new Histogram(MAX_NANOS, 2));
      totals.put(segment, 0L);
    }
  }

  synchronized void record(Decomposition.Segment segment, long nanos) {
    long value = Math.min(MAX_NANOS, Math.max(0, nanos));
    histograms.get(segment).recordValue(value);
    totals.merge(segment, value, Long::sum);
  }

  /** The producer encoded one task in {@code nanos}. */
  void encoded(long nanos) {
    record(Decomposition.Segment.PRODUCER_ENCODE, nanos);
  }

  /** The broker confirmed a task {@code nanos} after it was published. */
  void confirmed(long nanos) {
    record(Decomposition.Segment.PUBLISH_TO_CONFIRM, nanos);
  }

  /** A result came back {@code roundTripNanos} after its task was published. */
  void result(TaskResult result, long roundTripNanos, long producerDecodeNanos) {
    WorkerTimings w = result.timings();
    long onWorker = w.decodeNanos() + w.computeNanos() + w.encodeNanos();
    record(Decomposition.Segment.QUEUE_AND_TRANSIT, roundTripNanos - onWorker);
    record(Decomposition.Segment.WORKER_DECODE, w.decodeNanos());
    record(Decomposition.Segment.COMPUTE, w.computeNanos());
    record(Decomposition.Segment.WORKER_ENCODE, w.encodeNanos());
    record(Decomposition.Segment.PRODUCER_DECODE, producerDecodeNanos);
    record(Decomposition.Segment.ROUND_TRIP, roundTripNanos);
  }

  /** The figures for the report. */
  synchronized Decomposition snapshot() {
    List<Decomposition.SegmentMs> segments = new ArrayList<>();
    for (Decomposition.Segment segment : Decomposition.Segment.values()) {
      Histogram h = histograms.get(segment);
      long n = h.getTotalCount();
      segments.add(
          new Decomposition.SegmentMs(
              segment.wireName(),
              segment.description(),
              n,
              n == 0 ? 0 : totals.get(segment) / (double) n / 1e6,
              n == 0 ? 0 : h.getValueAtPercentile(50) / 1e6,
              n == 0 ? 0 : h.getValueAtPercentile(99) / 1e6));
    }
    return Decomposition.of(segments);
  }
}
