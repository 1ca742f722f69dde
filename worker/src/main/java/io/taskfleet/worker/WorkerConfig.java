package io.taskfleet.worker;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.cli.Checks;
import java.time.Duration;
import java.util.Map;

/**
 * A worker's settings, parsed once at start.
 *
 * @param brokerUrl where RabbitMQ is
 * @param topology the task queue and its dead-letter queue
 * @param threads consuming threads, one channel each
 * @param prefetch unacknowledged tasks the broker may hand each channel at once
 * @param maxIterations the largest {@code iterations} a cpu task may ask for
 * @param maxBodyBytes the largest task body accepted
 * @param connectRetry how long to keep retrying the first connection
 * @param shutdownTimeout how long SIGTERM waits for tasks in hand before closing anyway
 * @param maxSleepMs the longest {@code sleepMs} a sleep task may ask for
 * @param maxImagePixels the largest width × height of an image task
 * @param httpTimeout connect and request timeout of an http task
 * @param maxHttpBytes the largest body an http task may download
 * @param metricsPort where {@code /health} and {@code /metrics} are served; 0 serves neither
 * @param extraLimits limits by name for plugin kinds ({@code --limit NAME=N})
 * @param kinds the kinds served: built in, and from {@code --plugins}
 */
public record WorkerConfig(
    BrokerUrl brokerUrl,
    Topology topology,
    int threads,
    int prefetch,
    long maxIterations,
    int maxBodyBytes,
    Duration connectRetry,
    Duration shutdownTimeout,
    long maxSleepMs,
    long maxImagePixels,
    Duration httpTimeout,
    long maxHttpBytes,
    int metricsPort,
    Map<String, Long> extraLimits,
    KindRegistry kinds) {

  public static final int DEFAULT_PREFETCH = 10;
  public static final long DEFAULT_MAX_ITERATIONS = TaskLimits.DEFAULT_MAX_ITERATIONS;

  /**
   * Off unless asked for: several workers often share one machine, and a fixed port would stop the
   * second. The container image turns it on (8080).
   */
  public static final int DEFAULT_METRICS_PORT = 0;

  /** The built-in kinds and no extra limits. */
  public WorkerConfig(
      BrokerUrl brokerUrl,
      Topology topology,
      int threads,
      int prefetch,
      long maxIterations,
      int maxBodyBytes,
      Duration connectRetry,
      Duration shutdownTimeout,
      long maxSleepMs,
      long maxImagePixels,
      Duration httpTimeout,
      long maxHttpBytes,
      int metricsPort) {
    this(
        brokerUrl,
        topology,
        threads,
        prefetch,
        maxIterations,
        maxBodyBytes,
        connectRetry,
        shutdownTimeout,
        maxSleepMs,
        maxImagePixels,
        httpTimeout,
        maxHttpBytes,
        metricsPort,
        Map.of(),
        KindRegistry.builtIn());
  }

  public WorkerConfig {
    extraLimits = extraLimits == null ? Map.of() : Map.copyOf(extraLimits);
    kinds = kinds == null ? KindRegistry.builtIn() : kinds;
    Checks.atLeast("--threads", threads, 1);
    Checks.atLeast("--prefetch", prefetch, 1);
    Checks.atLeast("--max-iterations", maxIterations, 0);
    Checks.atLeast("--max-body-bytes", maxBodyBytes, 1024);
    Checks.between("--metrics-port", metricsPort, 0, 65_535);
    // Fields are assigned after a compact constructor, so check the parameters themselves.
    new TaskLimits(maxIterations, maxSleepMs, maxImagePixels, httpTimeout, maxHttpBytes);
  }

  /** The kinds served and the per-task limits, checked before a task is run. */
  public TaskLimits limits() {
    return new TaskLimits(
        maxIterations, maxSleepMs, maxImagePixels, httpTimeout, maxHttpBytes, extraLimits, kinds);
  }

  public boolean metricsEnabled() {
    return metricsPort != 0;
  }
}
