package io.taskfleet.worker;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.cli.Checks;
import java.time.Duration;

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
 * @param metricsPort where {@code /health} and {@code /metrics} are served; 0 serves neither
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
    int metricsPort) {

  public static final int DEFAULT_PREFETCH = 10;
  public static final long DEFAULT_MAX_ITERATIONS = 10_000_000_000L;
  /**
   * Off unless asked for: several workers often share one machine, and a fixed port would stop
   * the second. The container image turns it on (8080).
   */
  public static final int DEFAULT_METRICS_PORT = 0;

  public WorkerConfig {
    Checks.atLeast("--threads", threads, 1);
    Checks.atLeast("--prefetch", prefetch, 1);
    Checks.atLeast("--max-iterations", maxIterations, 0);
    Checks.atLeast("--max-body-bytes", maxBodyBytes, 1024);
    Checks.between("--metrics-port", metricsPort, 0, 65_535);
  }

  public boolean metricsEnabled() {
    return metricsPort != 0;
  }
}
