package io.taskfleet.common.protocol;

/**
 * The worker's own measurements for one task, in nanoseconds of its own monotonic clock.
 *
 * @param decodeNanos from body bytes to a validated {@link Task}
 * @param computeNanos the computation alone
 * @param encodeNanos from the result to body bytes
 */
public record WorkerTimings(long decodeNanos, long computeNanos, long encodeNanos) {

  public static final WorkerTimings NONE = new WorkerTimings(0, 0, 0);

  public WorkerTimings {
    if (decodeNanos < 0 || computeNanos < 0 || encodeNanos < 0) {
      throw new InvalidMessageException("timings must not be negative");
    }
  }

  public WorkerTimings withEncodeNanos(long nanos) {
    return new WorkerTimings(decodeNanos, computeNanos, nanos);
  }
}
