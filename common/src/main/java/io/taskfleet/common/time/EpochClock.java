package io.taskfleet.common.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Wall-clock time in microseconds since the epoch, derived from {@link System#nanoTime()}: the wall
 * clock is read once, when the clock is made, so each reading costs no more than {@code nanoTime}
 * and time never goes backwards when the system clock is stepped during a run.
 */
public final class EpochClock {

  private final long anchorNanos;
  private final long anchorEpochMicros;

  public EpochClock() {
    this(System.nanoTime(), ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
  }

  public EpochClock(long anchorNanos, long anchorEpochMicros) {
    this.anchorNanos = anchorNanos;
    this.anchorEpochMicros = anchorEpochMicros;
  }

  /** The epoch microseconds of a {@code System.nanoTime()} reading. */
  public long epochMicros(long nanoTime) {
    return Math.max(0, anchorEpochMicros + (nanoTime - anchorNanos) / 1_000);
  }

  /** The epoch microseconds now. */
  public long nowMicros() {
    return epochMicros(System.nanoTime());
  }
}
