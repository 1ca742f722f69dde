package io.taskfleet.producer;

import io.taskfleet.client.ChunkSize;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.cli.Checks;
import io.taskfleet.common.codec.Codec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The producer's settings, parsed once at start.
 *
 * @param brokerUrl where RabbitMQ is
 * @param topology the task queue and its dead-letter queue
 * @param codec how tasks are encoded
 * @param tasks how many tasks to run
 * @param iterations the size of each cpu task
 * @param awaitWorkers consumers that must be attached before the clock starts (0: don't wait;
 *     {@link #AWAIT_AUTO}: until they stop arriving)
 * @param awaitTimeout how long to wait for them
 * @param timeout how long the run may take once publishing starts
 * @param confirmWindow published tasks that may await their confirm at once
 * @param jsonFile where to write the JSON report, or null
 * @param progress whether to draw a progress bar
 * @param connectRetry how long to keep retrying the first connection
 * @param kindOptions which tasks: a kind and its params, or a tasks file
 * @param htmlFile where to write the HTML report, or null
 */
public record ProducerConfig(
    BrokerUrl brokerUrl,
    Topology topology,
    Codec codec,
    int tasks,
    long iterations,
    int awaitWorkers,
    Duration awaitTimeout,
    Duration timeout,
    int confirmWindow,
    Path jsonFile,
    ProgressStyle progress,
    Duration connectRetry,
    KindOptions kindOptions,
    Path htmlFile,
    ChunkSize chunk) {

  public static final int DEFAULT_TASKS = 500;
  public static final long DEFAULT_ITERATIONS = 4_000_000L;
  public static final int DEFAULT_CONFIRM_WINDOW = 1_000;

  /** {@code --await-workers auto}: wait until the number of consumers has stopped changing. */
  public static final int AWAIT_AUTO = -1;

  /** How progress is shown. */
  public enum ProgressStyle {
    /** A bar on a terminal, plain lines otherwise. */
    AUTO,
    BAR,
    LINES,
    NONE
  }

  /** The same settings, waiting for {@code n} workers before the clock starts. */
  public ProducerConfig withAwaitWorkers(int n) {
    return new ProducerConfig(
        brokerUrl,
        topology,
        codec,
        tasks,
        iterations,
        n,
        awaitTimeout,
        timeout,
        confirmWindow,
        jsonFile,
        progress,
        connectRetry,
        kindOptions,
        htmlFile,
        chunk);
  }

  /** The same settings with another chunk size. */
  public ProducerConfig withChunk(ChunkSize size) {
    return new ProducerConfig(
        brokerUrl,
        topology,
        codec,
        tasks,
        iterations,
        awaitWorkers,
        awaitTimeout,
        timeout,
        confirmWindow,
        jsonFile,
        progress,
        connectRetry,
        kindOptions,
        htmlFile,
        size);
  }

  public ProducerConfig {
    if (chunk == null) {
      chunk = new ChunkSize.Auto();
    }
    if (kindOptions == null) {
      kindOptions = KindOptions.CPU;
    }
    Checks.atLeast("--tasks", tasks, 1);
    Checks.atLeast("--iterations", iterations, 0);
    if (awaitWorkers != AWAIT_AUTO) {
      Checks.atLeast("--await-workers", awaitWorkers, 0);
    }
    Checks.atLeast("--confirm-window", confirmWindow, 1);
    Checks.atLeast("--timeout", timeout.toSeconds(), 1);
    kindOptions.workload(iterations, tasks); // its params checked with this size
  }
}
