package io.taskfleet.worker;

/**
 * Whether a worker is taking tasks right now, and why not.
 *
 * @param up true while connected with every consumer attached
 * @param detail one line for people: what it is doing, or what is wrong
 */
public record WorkerHealth(boolean up, String detail) {

  public static WorkerHealth up(String detail) {
    return new WorkerHealth(true, detail);
  }

  public static WorkerHealth down(String detail) {
    return new WorkerHealth(false, detail);
  }
}
