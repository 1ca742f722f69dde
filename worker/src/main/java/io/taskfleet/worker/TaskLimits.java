package io.taskfleet.worker;

import io.taskfleet.common.cli.Checks;
import java.time.Duration;

/**
 * What this worker agrees to run. A task over a limit can never succeed here, so it is
 * dead-lettered with the reason instead of computed.
 *
 * @param maxIterations the largest {@code iterations} of a cpu task
 * @param maxSleepMs the longest {@code sleepMs} of a sleep task
 * @param maxImagePixels the largest width × height of an image task
 * @param httpTimeout connect and request timeout of an http task
 * @param maxHttpBytes the largest body an http task may download
 */
public record TaskLimits(
    long maxIterations,
    long maxSleepMs,
    long maxImagePixels,
    Duration httpTimeout,
    long maxHttpBytes) {

  public static final long DEFAULT_MAX_ITERATIONS = 10_000_000_000L;
  public static final long DEFAULT_MAX_SLEEP_MS = 60_000L;
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 2048L * 2048;
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_MAX_HTTP_BYTES = 64L * 1024 * 1024;

  public TaskLimits {
    Checks.atLeast("--max-iterations", maxIterations, 0);
    Checks.atLeast("--max-sleep-ms", maxSleepMs, 0);
    Checks.atLeast("--max-image-pixels", maxImagePixels, 1);
    Checks.atLeast("--http-timeout", httpTimeout.toMillis(), 1);
    Checks.atLeast("--max-http-bytes", maxHttpBytes, 0);
  }

  /** The defaults, with a given cpu limit. */
  public static TaskLimits withMaxIterations(long maxIterations) {
    return new TaskLimits(
        maxIterations,
        DEFAULT_MAX_SLEEP_MS,
        DEFAULT_MAX_IMAGE_PIXELS,
        DEFAULT_HTTP_TIMEOUT,
        DEFAULT_MAX_HTTP_BYTES);
  }
}
