package io.taskfleet.common.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The worker's own measurements for one task: durations in nanoseconds of its own monotonic clock,
 * and when the computation started on its wall clock (for a timeline; hosts' clocks are only as
 * close as their time synchronisation makes them).
 *
 * @param decodeNanos from body bytes to a validated {@link Task}
 * @param computeNanos the computation alone
 * @param encodeNanos from the result to body bytes
 * @param startedAtEpochMicros when the computation started, in microseconds since the epoch on the
 *     worker's clock; 0 when not known (results from older workers, failed decodes)
 */
public record WorkerTimings(
    long decodeNanos,
    long computeNanos,
    long encodeNanos,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startedAtEpochMicros) {

  public static final WorkerTimings NONE = new WorkerTimings(0, 0, 0, 0);

  public WorkerTimings {
    if (decodeNanos < 0 || computeNanos < 0 || encodeNanos < 0 || startedAtEpochMicros < 0) {
      throw new InvalidMessageException("timings must not be negative");
    }
  }

  /** Timings without a start time. */
  public WorkerTimings(long decodeNanos, long computeNanos, long encodeNanos) {
    this(decodeNanos, computeNanos, encodeNanos, 0);
  }

  /** From JSON, where the start time is optional (older workers do not send it). */
  @JsonCreator
  static WorkerTimings fromJson(
      @JsonProperty("decodeNanos") long decodeNanos,
      @JsonProperty("computeNanos") long computeNanos,
      @JsonProperty("encodeNanos") long encodeNanos,
      @JsonProperty("startedAtEpochMicros") Long startedAtEpochMicros) {
    return new WorkerTimings(
        decodeNanos,
        computeNanos,
        encodeNanos,
        startedAtEpochMicros == null ? 0 : startedAtEpochMicros);
  }

  public WorkerTimings withEncodeNanos(long nanos) {
    return new WorkerTimings(decodeNanos, computeNanos, nanos, startedAtEpochMicros);
  }
}
