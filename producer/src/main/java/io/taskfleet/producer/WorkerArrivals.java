package io.taskfleet.producer;

import java.time.Duration;

/**
 * Tells when workers have stopped arriving ({@code --await-workers auto}): at least one consumer is
 * attached and their number has not changed for the settle time. Fed with each count seen and the
 * time it was seen, so it needs no clock of its own.
 */
final class WorkerArrivals {

  /** How long the count must stay the same before the run starts. */
  static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

  private final long settleNanos;
  private int lastCount = -1;
  private long changedAtNanos;

  WorkerArrivals(Duration settle) {
    this.settleNanos = settle.toNanos();
  }

  /** Records a count seen at {@code nowNanos}; true once the workers have stopped arriving. */
  boolean settled(int count, long nowNanos) {
    if (count != lastCount) {
      lastCount = count;
      changedAtNanos = nowNanos;
      return false;
    }
    return count > 0 && nowNanos - changedAtNanos >= settleNanos;
  }
}
