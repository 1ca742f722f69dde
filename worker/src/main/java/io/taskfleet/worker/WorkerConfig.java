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
 * @param threads compute threads for cpu-bound kinds (cpu, image)
 * @param prefetch messages the broker may hand the worker at once; 0 chooses it from measurements
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
 * @param ioConcurrency tasks of I/O-bound kinds (sleep, http) run at once
 * @param brokerConsumerTimeout the broker's {@code consumer_timeout}, to warn when a task may
 *     outlive it
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
    KindRegistry kinds,
    int ioConcurrency,
    Duration brokerConsumerTimeout) {

  /** 0: chosen from measurements (see PrefetchTuner). */
  public static final int DEFAULT_PREFETCH = 0;

  public static final int DEFAULT_IO_CONCURRENCY = 64;

  /** RabbitMQ's default {@code consumer_timeout}: 30 minutes. */
  public static final Duration DEFAULT_BROKER_CONSUMER_TIMEOUT = Duration.ofMinutes(30);

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
        KindRegistry.builtIn(),
        DEFAULT_IO_CONCURRENCY,
        DEFAULT_BROKER_CONSUMER_TIMEOUT);
  }

  public WorkerConfig {
    extraLimits = extraLimits == null ? Map.of() : Map.copyOf(extraLimits);
    kinds = kinds == null ? KindRegistry.builtIn() : kinds;
    Checks.atLeast("--threads", threads, 1);
    Checks.between("--prefetch", prefetch, 0, 65_535);
    Checks.between("--io-concurrency", ioConcurrency, 1, 10_000);
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

  /** Compute threads in all: cpu-bound plus I/O-bound. */
  public int concurrency() {
    return threads + ioConcurrency;
  }

  /**
   * The longest a message may wait in this worker before its ack, when its limits are reached: the
   * longest sleep or download, times the messages that can queue behind one compute slot. Above the
   * broker's {@code consumer_timeout} the broker would close the channel.
   */
  public Duration longestHold() {
    long longestTaskMs = Math.max(maxSleepMs, httpTimeout.toMillis());
    int perSlot = prefetch == 0 ? 2 : (int) Math.ceil(prefetch / (double) ioConcurrency);
    return Duration.ofMillis(longestTaskMs * Math.max(1, perSlot));
  }

  public boolean metricsEnabled() {
    return metricsPort != 0;
  }
}
