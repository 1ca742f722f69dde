package io.taskfleet.producer.report;

import io.taskfleet.common.text.Numbers;
import java.util.List;
import java.util.Locale;

/**
 * Where a fleet task's time goes: each segment's mean, p50 and p99 in milliseconds, and the share
 * of the end-to-end time that is compute, serialization, and messaging (publishing, waiting in the
 * queue, transit). JSON: the {@code decomposition} object of a fleet run.
 *
 * @param segments every {@link Segment}, in the order a task meets them
 * @param endToEndMsMean producer encode + round trip + producer decode, mean per task
 * @param computeShare compute mean / end-to-end mean, 0..1
 * @param serializationShare (producer encode + worker decode + worker encode + producer decode)
 *     means / end-to-end mean, 0..1
 * @param messagingShare the rest of the end-to-end time: publishing, queue wait and transits, 0..1
 */
public record Decomposition(
    List<SegmentMs> segments,
    double endToEndMsMean,
    double computeShare,
    double serializationShare,
    double messagingShare) {

  /** The segments; {@code publishToConfirm} overlaps the queue wait and is not added up. */
  public enum Segment {
    PRODUCER_ENCODE("producerEncode", "producer: task to bytes"),
    PUBLISH_TO_CONFIRM("publishToConfirm", "publish until the broker confirms (overlaps the wait)"),
    QUEUE_AND_TRANSIT(
        "queueAndTransit", "queue wait + both transits (round trip minus the worker's segments)"),
    WORKER_DECODE("workerDecode", "worker: bytes to task"),
    COMPUTE("compute", "worker: the computation"),
    WORKER_ENCODE("workerEncode", "worker: result to bytes"),
    PRODUCER_DECODE("producerDecode", "producer: bytes to result"),
    ROUND_TRIP("roundTrip", "publish to result received, on the producer's clock");

    private final String wireName;
    private final String description;

    Segment(String wireName, String description) {
      this.wireName = wireName;
      this.description = description;
    }

    public String wireName() {
      return wireName;
    }

    public String description() {
      return description;
    }
  }

  /**
   * One segment's figures.
   *
   * @param name the segment's JSON name, e.g. {@code workerDecode}
   * @param description what it covers, for people
   * @param count how many tasks it was measured on
   * @param meanMs mean in milliseconds
   * @param p50Ms median in milliseconds
   * @param p99Ms 99th percentile in milliseconds
   */
  public record SegmentMs(
      String name, String description, long count, double meanMs, double p50Ms, double p99Ms) {}

  /** Computes the end-to-end time and the shares from the segments' means. */
  public static Decomposition of(List<SegmentMs> segments) {
    double encode = mean(segments, Segment.PRODUCER_ENCODE);
    double decode = mean(segments, Segment.PRODUCER_DECODE);
    double endToEnd = encode + mean(segments, Segment.ROUND_TRIP) + decode;
    double serialization =
        encode
            + mean(segments, Segment.WORKER_DECODE)
            + mean(segments, Segment.WORKER_ENCODE)
            + decode;
    double compute = mean(segments, Segment.COMPUTE);
    double computeShare = share(compute, endToEnd);
    double serializationShare = share(serialization, endToEnd);
    double messagingShare = endToEnd <= 0 ? 0 : Math.max(0, 1 - computeShare - serializationShare);
    return new Decomposition(
        segments.stream()
            .map(
                s ->
                    new SegmentMs(
                        s.name(),
                        s.description(),
                        s.count(),
                        Numbers.round(s.meanMs(), 4),
                        Numbers.round(s.p50Ms(), 4),
                        Numbers.round(s.p99Ms(), 4)))
            .toList(),
        Numbers.round(endToEnd, 4),
        Numbers.round(computeShare, 4),
        Numbers.round(serializationShare, 4),
        Numbers.round(messagingShare, 4));
  }

  private static double mean(List<SegmentMs> segments, Segment segment) {
    return segments.stream()
        .filter(s -> s.name().equals(segment.wireName()))
        .mapToDouble(SegmentMs::meanMs)
        .findFirst()
        .orElse(0);
  }

  private static double share(double part, double whole) {
    return whole <= 0 ? 0 : Math.min(1, part / whole);
  }

  /** {@code 0.1234} → {@code 12.3%}. */
  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
