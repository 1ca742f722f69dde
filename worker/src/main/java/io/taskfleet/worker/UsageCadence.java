package io.taskfleet.worker;

import java.time.Duration;

/**
 * When a results message carries the worker's usage snapshot: the first time, then once at least an
 * interval has passed since the last one, whenever the worker is idle (so the last message of a run
 * carries the worker's final figures), and on the first message after it was idle (so a run's first
 * message carries its starting figures: the report counts a worker's CPU between its first and last
 * snapshot of a run, and without it a 300 ms seed round started being counted 100 ms late, because
 * the last round's final snapshot was too recent). A snapshot's headers are a nested table that
 * costs the broker more to route than a small result, so one per message would slow single-task
 * runs.
 */
final class UsageCadence {

  private final long intervalNanos;
  private long lastNanos;
  private boolean wasIdle = true;

  UsageCadence(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Whether the message being published at {@code nowNanos} carries a snapshot; if so, noted. */
  boolean due(long nowNanos, boolean idle) {
    boolean due = wasIdle || idle || nowNanos - lastNanos >= intervalNanos;
    wasIdle = idle;
    if (due) {
      lastNanos = nowNanos;
    }
    return due;
  }
}
