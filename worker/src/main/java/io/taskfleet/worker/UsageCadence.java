package io.taskfleet.worker;

import java.time.Duration;

/**
 * When a results message carries the worker's usage snapshot: the first time, then once at least an
 * interval has passed since the last one, and whenever the worker is idle (so the last message of a
 * run carries the worker's final figures). A snapshot's headers are a nested table that costs the
 * broker more to route than a small result, so one per message would slow single-task runs.
 */
final class UsageCadence {

  private final long intervalNanos;
  private long lastNanos;
  private boolean sentAny;

  UsageCadence(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Whether the message being published at {@code nowNanos} carries a snapshot; if so, noted. */
  boolean due(long nowNanos, boolean idle) {
    if (sentAny && !idle && nowNanos - lastNanos < intervalNanos) {
      return false;
    }
    sentAny = true;
    lastNanos = nowNanos;
    return true;
  }
}
