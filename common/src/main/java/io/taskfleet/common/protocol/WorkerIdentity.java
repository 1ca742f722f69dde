package io.taskfleet.common.protocol;

/**
 * Who ran a task. Inside containers every JVM may be PID 1, so a worker is told apart by host and
 * PID together.
 */
public record WorkerIdentity(String host, long pid, String thread) {

  public WorkerIdentity {
    if (host == null || host.isBlank()) {
      throw new InvalidMessageException("worker.host is missing");
    }
    if (thread == null) {
      thread = "";
    }
  }

  /** {@code host:pid}, the key the report groups by. */
  public String process() {
    return host + ":" + pid;
  }
}
