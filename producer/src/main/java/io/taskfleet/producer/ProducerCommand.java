package io.taskfleet.producer;

import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.BrokerUrlSource;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.producer.report.ReportFile;
import io.taskfleet.producer.report.RunReport;
import io.taskfleet.producer.report.TextReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code producer}: run the tasks on the fleet and report. */
@Command(
    name = "producer",
    mixinStandardHelpOptions = true,
    version = "taskfleet producer 0.1.0",
    sortOptions = false,
    description = {
      "Enqueues tasks on RabbitMQ, collects one result per task from the workers and reports"
          + " how long the whole thing took, end to end, serialization included.",
      "Every option can also be set by the environment variable named after it."
    })
public final class ProducerCommand implements Callable<Integer> {

  @Option(names = "--amqp-url", paramLabel = "URL",
      description = "Broker URL, amqp:// or amqps:// (env AMQP_URL). Default: ${DEFAULT-VALUE}")
  String amqpUrl = BrokerUrl.DEFAULT;

  @Option(names = "--amqp-url-file", paramLabel = "FILE",
      description = "Read the broker URL, credentials included, from FILE instead; wins over"
          + " --amqp-url (env AMQP_URL_FILE)")
  java.nio.file.Path amqpUrlFile;

  @Option(names = "--tasks", paramLabel = "N",
      description = "Tasks to run (env PRODUCER_TASKS). Default: ${DEFAULT-VALUE}")
  int tasks = ProducerConfig.DEFAULT_TASKS;

  @Option(names = "--iterations", paramLabel = "N",
      description = "Size of each cpu task: the loop adds up 0..N-1 (env PRODUCER_ITERATIONS)."
          + " Default: ${DEFAULT-VALUE}")
  long iterations = ProducerConfig.DEFAULT_ITERATIONS;

  @Option(names = "--await-workers", paramLabel = "N",
      description = "Wait until N workers are attached before the clock starts, so JVM start-up"
          + " is not counted (env PRODUCER_AWAIT_WORKERS). Default: ${DEFAULT-VALUE}")
  int awaitWorkers = 0;

  @Option(names = "--await-timeout", paramLabel = "SECONDS",
      description = "How long to wait for those workers (env PRODUCER_AWAIT_TIMEOUT)."
          + " Default: ${DEFAULT-VALUE}")
  int awaitTimeoutSeconds = 120;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Give up on missing results after this long; the partial report lists them"
          + " (env PRODUCER_TIMEOUT). Default: ${DEFAULT-VALUE}")
  int timeoutSeconds = 300;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the report as JSON to FILE (env PRODUCER_JSON)")
  Path json;

  @Option(names = "--codec", paramLabel = "NAME",
      description = "Task encoding: ${COMPLETION-CANDIDATES} (env CODEC). Default: ${DEFAULT-VALUE}",
      completionCandidates = CodecNames.class)
  String codec = Codecs.DEFAULT;

  @Option(names = "--confirm-window", paramLabel = "N",
      description = "Published tasks that may await their broker confirm at once"
          + " (env PRODUCER_CONFIRM_WINDOW). Default: ${DEFAULT-VALUE}")
  int confirmWindow = ProducerConfig.DEFAULT_CONFIRM_WINDOW;

  @Option(names = "--queue", paramLabel = "NAME",
      description = "Task queue (env TASK_QUEUE). Default: ${DEFAULT-VALUE}")
  String queue = Topology.DEFAULT_TASK_QUEUE;

  @Option(names = "--queue-type", paramLabel = "TYPE",
      description = "quorum or classic, used when the queue is first declared (env QUEUE_TYPE)."
          + " Default: quorum")
  QueueType queueType = QueueType.QUORUM;

  @Option(names = "--delivery-limit", paramLabel = "N",
      description = "Deliveries of one task before a quorum queue dead-letters it"
          + " (env DELIVERY_LIMIT). Default: ${DEFAULT-VALUE}")
  int deliveryLimit = Topology.DEFAULT_DELIVERY_LIMIT;

  @Option(names = "--progress", paramLabel = "STYLE",
      description = "auto (a bar on a terminal, lines otherwise), bar, lines or none"
          + " (env PRODUCER_PROGRESS). Default: auto")
  ProducerConfig.ProgressStyle progress = ProducerConfig.ProgressStyle.AUTO;

  @Option(names = "--connect-retry", paramLabel = "SECONDS",
      description = "Keep retrying the first connection this long (env CONNECT_RETRY)."
          + " Default: ${DEFAULT-VALUE}")
  int connectRetrySeconds = 0;

  private final PrintStream out;
  private final PrintStream err;

  public ProducerCommand() {
    this(System.out, System.err);
  }

  ProducerCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Completion candidates for {@code --codec}. */
  static final class CodecNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Codecs.names().iterator();
    }
  }

  ProducerConfig toConfig() {
    return new ProducerConfig(
        BrokerUrlSource.resolve(amqpUrl, amqpUrlFile),
        new Topology(queue, queueType, deliveryLimit),
        Codecs.byName(codec),
        tasks,
        iterations,
        awaitWorkers,
        Duration.ofSeconds(Math.max(0, awaitTimeoutSeconds)),
        Duration.ofSeconds(timeoutSeconds),
        confirmWindow,
        json,
        progress,
        Duration.ofSeconds(Math.max(0, connectRetrySeconds)));
  }

  @Override
  public Integer call() throws InterruptedException {
    ProducerConfig config = toConfig();
    CountDownLatch reported = new CountDownLatch(1);
    try (FleetRun run = new FleetRun(config, err)) {
      Thread onCtrlC =
          new Thread(
              () -> {
                run.interrupt();
                awaitQuietly(reported);
              },
              "fleet-producer-interrupt");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      try {
        RunReport report = run.run();
        new TextReport(out).print(report);
        if (config.jsonFile() != null) {
          ReportFile.of(Identities.hostName(), List.of(report)).write(config.jsonFile());
          err.println("JSON report written to " + config.jsonFile());
        }
        return exitCode(report);
      } finally {
        run.close();
        reported.countDown();
        removeHook(onCtrlC);
      }
    }
  }

  private int exitCode(RunReport report) {
    if (report.interrupted()) {
      err.println("producer: interrupted; the report above is partial");
      return 130;
    }
    if (report.timedOut()) {
      err.println(
          "producer: timed out after " + timeoutSeconds + " s with " + report.missing()
              + " task(s) missing (listed above): are workers running on queue '" + queue + "'?");
      return 1;
    }
    if (!report.succeeded()) {
      throw new FleetException(
          report.failed() + " task(s) failed" + (report.valuesCorrect() ? "" : ", some values wrong"));
    }
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running and waits for us.
    }
  }
}
