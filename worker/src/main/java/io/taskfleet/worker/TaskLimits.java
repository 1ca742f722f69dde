package io.taskfleet.worker;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.common.cli.Checks;
import io.taskfleet.common.kinds.CpuKind;
import io.taskfleet.common.kinds.HttpKind;
import io.taskfleet.common.kinds.ImageKind;
import io.taskfleet.common.kinds.SleepKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What this worker agrees to run: which kinds, and how large. A task of another kind or over a
 * limit can never succeed here, so it is dead-lettered with the reason instead of computed.
 *
 * @param maxIterations the largest {@code iterations} of a cpu task
 * @param maxSleepMs the longest {@code sleepMs} of a sleep task
 * @param maxImagePixels the largest width × height of an image task
 * @param httpTimeout connect and request timeout of an http task
 * @param maxHttpBytes the largest body an http task may download
 * @param extra more limits by name ({@code --limit NAME=N}), read by plugin kinds
 * @param kinds the kinds served: the built-in ones and those of {@code --plugins}
 */
public record TaskLimits(
    long maxIterations,
    long maxSleepMs,
    long maxImagePixels,
    Duration httpTimeout,
    long maxHttpBytes,
    Map<String, Long> extra,
    KindRegistry kinds) {

  public static final long DEFAULT_MAX_ITERATIONS = CpuKind.DEFAULT_MAX_ITERATIONS;
  public static final long DEFAULT_MAX_SLEEP_MS = SleepKind.DEFAULT_MAX_SLEEP_MS;
  public static final long DEFAULT_MAX_IMAGE_PIXELS = ImageKind.DEFAULT_MAX_IMAGE_PIXELS;
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_MAX_HTTP_BYTES = 64L * 1024 * 1024;

  public TaskLimits {
    Checks.atLeast("--max-iterations", maxIterations, 0);
    Checks.atLeast("--max-sleep-ms", maxSleepMs, 0);
    Checks.atLeast("--max-image-pixels", maxImagePixels, 1);
    Checks.atLeast("--http-timeout", httpTimeout.toMillis(), 1);
    Checks.atLeast("--max-http-bytes", maxHttpBytes, 0);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
    kinds = kinds == null ? KindRegistry.builtIn() : kinds;
  }

  /** The built-in kinds with these limits. */
  public TaskLimits(
      long maxIterations,
      long maxSleepMs,
      long maxImagePixels,
      Duration httpTimeout,
      long maxHttpBytes) {
    this(maxIterations, maxSleepMs, maxImagePixels, httpTimeout, maxHttpBytes, Map.of(), null);
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

  /** Every limit by the name kinds read it under; the named flags win over {@code --limit}. */
  public Limits asLimits() {
    Map<String, Long> all = new HashMap<>(extra);
    all.put(CpuKind.MAX_ITERATIONS, maxIterations);
    all.put(SleepKind.MAX_SLEEP_MS_LIMIT, maxSleepMs);
    all.put(ImageKind.MAX_IMAGE_PIXELS, maxImagePixels);
    all.put(HttpKind.HTTP_TIMEOUT_MS, httpTimeout.toMillis());
    all.put(HttpKind.MAX_HTTP_BYTES, maxHttpBytes);
    return Limits.of(all);
  }
}
