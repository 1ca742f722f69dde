package io.taskfleet.worker;

import io.taskfleet.common.text.Bounded;

/**
 * Whether a worker is taking tasks right now, and why not.
 *
 * @param up true while connected with every consumer attached
 * @param detail one line for people: what it is doing, or what is wrong
 */
public record WorkerHealth(boolean up, String detail) {

  /** Longest detail served on /health; reasons from the broker can be long. */
  static final int MAX_DETAIL_CHARS = 500;

  public WorkerHealth {
    detail = Bounded.text(detail, MAX_DETAIL_CHARS);
  }

  public static WorkerHealth up(String detail) {
    return new WorkerHealth(true, detail);
  }

  public static WorkerHealth down(String detail) {
    return new WorkerHealth(false, detail);
  }
}
