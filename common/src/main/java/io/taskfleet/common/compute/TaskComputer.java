package io.taskfleet.common.compute;

import io.taskfleet.common.FleetException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskParams;
import java.time.Duration;

/**
 * Runs a task's computation, with no messaging: the same code runs in the worker, on the producer's
 * own thread and on an in-process pool, so modes differ only in how tasks travel. Thread-safe.
 */
public final class TaskComputer {

  private final Duration httpTimeout;
  private final long httpMaxBytes;
  private volatile HttpFetcher fetcher;

  public TaskComputer() {
    this(HttpFetcher.DEFAULT_TIMEOUT, HttpFetcher.DEFAULT_MAX_BYTES);
  }

  /**
   * @param httpTimeout connect and request timeout of {@code http} tasks
   * @param httpMaxBytes the largest body an {@code http} task may download
   */
  public TaskComputer(Duration httpTimeout, long httpMaxBytes) {
    this.httpTimeout = httpTimeout;
    this.httpMaxBytes = httpMaxBytes;
  }

  /** The task's value alone; see {@link #run(Task)}. */
  public long compute(Task task) {
    return run(task).value();
  }

  /** Runs the task; throws a {@link FleetException} when it cannot be done (e.g. HTTP 404). */
  public Computation run(Task task) {
    TaskParams p = task.params();
    return switch (task.kind()) {
      case CPU -> Computation.of(CpuLoop.sum(p.iterations()));
      case SLEEP -> Computation.of(sleep(p.sleepMs()));
      case HTTP -> fetcher().fetch(p.url());
      case IMAGE -> Computation.of(ImageFilter.checksum(p.width(), p.height(), p.pixels()));
    };
  }

  private static long sleep(long millis) {
    try {
      Thread.sleep(millis);
      return millis;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("interrupted while sleeping", e);
    }
  }

  // Built on first use: a client starts a selector thread that cpu-only workers do not need.
  private HttpFetcher fetcher() {
    HttpFetcher f = fetcher;
    if (f == null) {
      synchronized (this) {
        f = fetcher;
        if (f == null) {
          f = new HttpFetcher(httpTimeout, httpMaxBytes);
          fetcher = f;
        }
      }
    }
    return f;
  }
}
