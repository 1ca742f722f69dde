package io.taskfleet.common.protocol;

import io.taskfleet.common.text.Bounded;

/**
 * Who ran a task. Inside containers every JVM may be PID 1, so a worker is told apart by host and
 * PID together.
 */
public record WorkerIdentity(String host, long pid, String thread) {

  /** Longest host or thread name a report keeps of a result; the rest is cut with a marker. */
  public static final int MAX_NAME_CHARS = 100;

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

  /** {@link #host()}, at most {@link #MAX_NAME_CHARS}: any client may publish results. */
  public String boundedHost() {
    return Bounded.text(host, MAX_NAME_CHARS);
  }

  /** {@link #process()} with the host bounded, as a key a report keeps. */
  public String boundedProcess() {
    return boundedHost() + ":" + pid;
  }

  /** {@link #thread()}, at most {@link #MAX_NAME_CHARS}. */
  public String boundedThread() {
    return Bounded.text(thread, MAX_NAME_CHARS);
  }
}
