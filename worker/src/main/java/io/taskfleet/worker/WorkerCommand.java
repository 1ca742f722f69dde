package io.taskfleet.worker;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.cli.BrokerOptions;
import io.taskfleet.common.codec.JacksonCodec;
import io.taskfleet.common.kinds.Plugins;
import io.taskfleet.worker.metrics.MetricsServer;
import io.taskfleet.worker.metrics.WorkerMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code worker}: consume tasks until stopped. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    version = "taskfleet worker 0.1.0",
    sortOptions = false,
    description = {
      "Consumes tasks from RabbitMQ, computes them and publishes each result to the producer that"
          + " asked. Runs until stopped; SIGTERM (Ctrl-C) finishes the tasks in hand, then exits.",
      "Every option can also be set by the environment variable named after it."
    })
public final class WorkerCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Mixin BrokerOptions broker = new BrokerOptions();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Compute threads for cpu-bound kinds (cpu, image); one channel serves them all"
              + " (env WORKER_THREADS). Default: ${DEFAULT-VALUE}")
  int threads = 1;

  @Option(
      names = "--io-concurrency",
      paramLabel = "N",
      description =
          "I/O-bound tasks (sleep, http) run at once (env WORKER_IO_CONCURRENCY)."
              + " Default: ${DEFAULT-VALUE}")
  int ioConcurrency = WorkerConfig.DEFAULT_IO_CONCURRENCY;

  @Option(
      names = "--broker-consumer-timeout",
      paramLabel = "SECONDS",
      description =
          "The broker's consumer_timeout; the worker warns at start when its limits let a task"
              + " outlive it (env WORKER_BROKER_CONSUMER_TIMEOUT). Default: ${DEFAULT-VALUE}"
              + " (RabbitMQ's default)")
  long brokerConsumerTimeoutSeconds = WorkerConfig.DEFAULT_BROKER_CONSUMER_TIMEOUT.toSeconds();

  @Option(
      names = "--prefetch",
      paramLabel = "N",
      description =
          "Messages the broker may hand this worker at once; 0 chooses it from the measured"
              + " round trip and compute time (env WORKER_PREFETCH). Default: ${DEFAULT-VALUE}")
  int prefetch = WorkerConfig.DEFAULT_PREFETCH;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      description =
          "Largest cpu task accepted; larger ones are dead-lettered"
              + " (env WORKER_MAX_ITERATIONS). Default: ${DEFAULT-VALUE}")
  long maxIterations = WorkerConfig.DEFAULT_MAX_ITERATIONS;

  @Option(
      names = "--max-sleep-ms",
      paramLabel = "MS",
      description =
          "Longest sleep task accepted; longer ones are dead-lettered"
              + " (env WORKER_MAX_SLEEP_MS). Default: ${DEFAULT-VALUE}")
  long maxSleepMs = TaskLimits.DEFAULT_MAX_SLEEP_MS;

  @Option(
      names = "--max-image-pixels",
      paramLabel = "N",
      description =
          "Largest image task accepted, width x height; larger ones are dead-lettered"
              + " (env WORKER_MAX_IMAGE_PIXELS). Default: ${DEFAULT-VALUE}")
  long maxImagePixels = TaskLimits.DEFAULT_MAX_IMAGE_PIXELS;

  @Option(
      names = "--http-timeout",
      paramLabel = "SECONDS",
      description =
          "Connect and request timeout of http tasks (env WORKER_HTTP_TIMEOUT)."
              + " Default: ${DEFAULT-VALUE}")
  int httpTimeoutSeconds = (int) TaskLimits.DEFAULT_HTTP_TIMEOUT.toSeconds();

  @Option(
      names = "--max-http-bytes",
      paramLabel = "N",
      description =
          "Largest body an http task may download; a larger one fails the task"
              + " (env WORKER_MAX_HTTP_BYTES). Default: ${DEFAULT-VALUE}")
  long maxHttpBytes = TaskLimits.DEFAULT_MAX_HTTP_BYTES;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description =
          "Largest task body accepted (env WORKER_MAX_BODY_BYTES). Default: ${DEFAULT-VALUE}")
  int maxBodyBytes = JacksonCodec.DEFAULT_MAX_BODY_BYTES;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "Load the kinds of task of every jar in DIR, beside the built-in ones"
              + " (env WORKER_PLUGINS). Default: none, /app/plugins in the container image")
  Path plugins;

  @Option(
      names = "--limit",
      paramLabel = "NAME=N",
      split = ",",
      description =
          "A limit a kind reads, e.g. --limit max-rounds=1000000 for a plugin kind; repeatable"
              + " (env WORKER_LIMIT, NAME=N,NAME=N). The named flags above win")
  Map<String, Long> limits = new HashMap<>();

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "SECONDS",
      description =
          "On SIGTERM, wait this long for tasks in hand (env WORKER_SHUTDOWN_TIMEOUT)."
              + " Default: ${DEFAULT-VALUE}")
  int shutdownTimeoutSeconds = 30;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve /health and Prometheus /metrics over HTTP on this port, 0 for neither"
              + " (env WORKER_METRICS_PORT). Default: ${DEFAULT-VALUE}, 8080 in the container image")
  int metricsPort = WorkerConfig.DEFAULT_METRICS_PORT;

  WorkerConfig toConfig() {
    return new WorkerConfig(
        broker.brokerUrl(),
        broker.topology(),
        threads,
        prefetch,
        maxIterations,
        maxBodyBytes,
        broker.connectRetry(),
        Duration.ofSeconds(Math.max(0, shutdownTimeoutSeconds)),
        maxSleepMs,
        maxImagePixels,
        Duration.ofSeconds(httpTimeoutSeconds),
        maxHttpBytes,
        metricsPort,
        limits,
        Plugins.load(plugins),
        ioConcurrency,
        Duration.ofSeconds(Math.max(1, brokerConsumerTimeoutSeconds)));
  }

  @Override
  public Integer call() throws InterruptedException {
    WorkerConfig config = toConfig();
    WorkerMetrics metrics = new WorkerMetrics();
    WorkerStats stats = new WorkerStats(metrics.computeTimes());
    metrics.bind(stats);
    Worker worker = new Worker(config, stats, metrics.amqpCollector());
    // Served before connecting, so a healthcheck sees "starting" rather than nothing.
    MetricsServer server =
        config.metricsEnabled()
            ? MetricsServer.start(config.metricsPort(), metrics::scrape, worker::health)
            : null;
    Runnable closeAll = () -> closeInOrder(worker, server, metrics);
    try {
      worker.start();
      logKinds(config.kinds(), config.extraLimits());
    } catch (RuntimeException e) {
      closeAll.run();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll.run();
                  haltWithDrainStatus(worker);
                },
                "fleet-worker-shutdown"));
    // Returns only if the worker stopped by itself (a defect in its loop): exit non-zero, so a
    // supervisor restarts it rather than keep a process that consumes nothing.
    worker.awaitTerminated();
    if (worker.closing()) {
      // SIGTERM: the shutdown hook closes the worker and halts the JVM with the drain status.
      Thread.currentThread().join();
    }
    throw new io.taskfleet.common.FleetException(
        "the worker stopped consuming by itself: " + worker.health().detail());
  }

  private static void logKinds(KindRegistry kinds, Map<String, Long> extraLimits) {
    Map<String, Long> limits = new TreeMap<>();
    for (TaskKind<?> kind : kinds.all()) {
      limits.putAll(kind.defaultLimits());
    }
    log.info("serving kinds {} (limits by default: {})", kinds.names(), limits);
    for (String name : extraLimits.keySet()) {
      if (!limits.containsKey(name)) {
        log.warn("--limit {}: no kind served here declares it (known: {})", name, limits.keySet());
      }
    }
  }

  /** The worker first, so /health says "stopping" while tasks in hand finish. */
  private static void closeInOrder(Worker worker, MetricsServer server, WorkerMetrics metrics) {
    worker.close();
    if (server != null) {
      server.close();
    }
    metrics.close();
  }

  /**
   * A JVM stopped by SIGTERM exits with 143 however cleanly it shut down. Once the worker has
   * closed, say how it went instead: 0 when every task in hand was finished and acked, 1 when the
   * shutdown timeout cut the drain short (those tasks went back to the queue).
   */
  private static void haltWithDrainStatus(Worker worker) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(worker.drainedCleanly() ? 0 : 1);
  }
}
