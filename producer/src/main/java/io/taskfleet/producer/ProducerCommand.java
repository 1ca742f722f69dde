package io.taskfleet.producer;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.client.ChunkSize;
import io.taskfleet.common.ConfigException;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.cli.BrokerOptions;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.kinds.Plugins;
import io.taskfleet.producer.metrics.MetricsEndpoint;
import io.taskfleet.producer.metrics.ProducerMetrics;
import io.taskfleet.producer.report.HtmlReport;
import io.taskfleet.producer.report.ReportFile;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code producer}: run the tasks on the fleet (or in-process, or every way) and report. */
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

  /** Counted rounds per mode when {@code --mode all} is given no {@code --repeat}. */
  static final int ALL_MODES_REPEAT = 5;

  @Mixin BrokerOptions broker = new BrokerOptions();

  @Option(
      names = "--tasks",
      paramLabel = "N",
      description = "Tasks to run (env PRODUCER_TASKS). Default: ${DEFAULT-VALUE}")
  int tasks = ProducerConfig.DEFAULT_TASKS;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description =
          "Size of each cpu task: the loop adds up 0..N-1 (env PRODUCER_ITERATIONS)."
              + " Default: ${DEFAULT-VALUE}")
  long iterations = ProducerConfig.DEFAULT_ITERATIONS;

  @Option(
      names = "--await-workers",
      paramLabel = "N|auto",
      converter = AwaitWorkersConverter.class,
      description =
          "Wait until N consumers (one per worker thread) are attached to the task"
              + " queue before the clock starts, so JVM start-up is not counted; auto waits"
              + " until at least one is attached and their number has not changed for 5 s"
              + " (env PRODUCER_AWAIT_WORKERS). Default: 0 (don't wait)")
  int awaitWorkers = 0;

  /** {@code N} or {@code auto}. */
  static final class AwaitWorkersConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      if (value.trim().equalsIgnoreCase("auto")) {
        return ProducerConfig.AWAIT_AUTO;
      }
      try {
        return Integer.valueOf(value.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is neither a number of consumers nor 'auto'");
      }
    }
  }

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve the run's progress and throughput as Prometheus metrics on"
              + " http://HOST:PORT/metrics while the producer runs; 0 turns it off"
              + " (env PRODUCER_METRICS_PORT). Default: ${DEFAULT-VALUE}")
  int metricsPort = 0;

  @Option(
      names = "--result-queue-type",
      paramLabel = "TYPE",
      description =
          "classic, or quorum to replicate the run's result queue so results survive the loss"
              + " of a cluster node (env PRODUCER_RESULT_QUEUE_TYPE). Default: classic")
  QueueType resultQueueType = QueueType.CLASSIC;

  @Option(
      names = "--await-timeout",
      paramLabel = "SECONDS",
      description =
          "How long to wait for those workers (env PRODUCER_AWAIT_TIMEOUT)."
              + " Default: ${DEFAULT-VALUE}")
  int awaitTimeoutSeconds = 120;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "Give up on missing results after this long; the partial report lists them"
              + " (env PRODUCER_TIMEOUT). Default: ${DEFAULT-VALUE}")
  int timeoutSeconds = 300;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the report as JSON to FILE (env PRODUCER_JSON)")
  Path json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the report as one self-contained HTML page with charts to FILE"
              + " (env PRODUCER_HTML)")
  Path html;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description =
          "What each task does: cpu (the seed's loop), sleep (I/O-bound wait), http"
              + " (download --url), image (filter an RGB image carried in the task) or the kind"
              + " of a plugin in --plugins (env PRODUCER_KIND). Default: ${DEFAULT-VALUE}")
  String kind = "cpu";

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description =
          "A parameter of each task, by the name of its kind's params field, e.g. --param"
              + " rounds=1000; repeatable, wins over the shortcuts --iterations, --sleep-ms, --url"
              + " and --image-size (env PRODUCER_PARAM, one NAME=VALUE)")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--tasks-file",
      paramLabel = "FILE",
      description =
          "Run the tasks of this JSON Lines file, one {\"kind\":...,\"params\":{...}} per"
              + " line, instead of --tasks tasks of --kind (env PRODUCER_TASKS_FILE)")
  Path tasksFile;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "Load the kinds of task of every jar in DIR, for --kind, --tasks-file, the in-process"
              + " modes and expected values; spawned workers get it too (env PRODUCER_PLUGINS)")
  Path plugins;

  @Option(
      names = "--sleep-ms",
      paramLabel = "MS",
      description =
          "How long each sleep task waits (env PRODUCER_SLEEP_MS). Default: ${DEFAULT-VALUE}")
  long sleepMs = KindOptions.DEFAULT_SLEEP_MS;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "What each http task downloads, http(s) only (env PRODUCER_URL)")
  String url;

  @Option(
      names = "--image-size",
      paramLabel = "WxH",
      description =
          "Size of each image task's RGB payload (env PRODUCER_IMAGE_SIZE)."
              + " Default: ${DEFAULT-VALUE}")
  String imageSize = KindOptions.DEFAULT_IMAGE_SIZE;

  @Option(
      names = "--chunk",
      paramLabel = "N|auto",
      description =
          "Tasks per message: a number, or auto to choose from measurements (single-task probes,"
              + " then chunks that keep messaging near 2%% of their time, shrinking toward the"
              + " end) (env PRODUCER_CHUNK). Default: ${DEFAULT-VALUE}")
  String chunk = "auto";

  @Option(
      names = "--codec",
      paramLabel = "NAME",
      description =
          "Task encoding: ${COMPLETION-CANDIDATES} (env CODEC). Default: ${DEFAULT-VALUE}",
      completionCandidates = CodecNames.class)
  String codec = Codecs.DEFAULT;

  @Option(
      names = "--confirm-window",
      paramLabel = "N",
      description =
          "Published tasks that may await their broker confirm at once"
              + " (env PRODUCER_CONFIRM_WINDOW). Default: ${DEFAULT-VALUE}")
  int confirmWindow = ProducerConfig.DEFAULT_CONFIRM_WINDOW;

  @Option(
      names = "--progress",
      paramLabel = "STYLE",
      description =
          "auto (once a run has lasted 1 s: a bar on a terminal, lines otherwise), bar or"
              + " lines (from the start), or none (env PRODUCER_PROGRESS). Default: auto")
  ProducerConfig.ProgressStyle progress = ProducerConfig.ProgressStyle.AUTO;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "origin (one thread, no broker), threads (an in-process pool, no broker), fleet"
              + " (RabbitMQ and workers) or all three side by side (env PRODUCER_MODE). Default: fleet")
  Mode mode = Mode.FLEET;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description =
          "Threads of the in-process pool of --mode threads (env PRODUCER_THREADS)."
              + " Default: the available processors (${DEFAULT-VALUE})")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--spawn-workers",
      paramLabel = "N",
      description =
          "Start N worker JVMs on this machine for the fleet, wait until they are"
              + " attached and stop them at the end (env PRODUCER_SPAWN_WORKERS). Default: ${DEFAULT-VALUE}")
  int spawnWorkers = 0;

  @Option(
      names = "--worker-threads",
      paramLabel = "T",
      description =
          "--threads of each spawned worker (env PRODUCER_WORKER_THREADS). Default: ${DEFAULT-VALUE}")
  int workerThreads = 1;

  @Option(
      names = "--worker-prefetch",
      paramLabel = "N",
      description =
          "--prefetch of each spawned worker, 0 for the worker's default"
              + " (env PRODUCER_WORKER_PREFETCH). Default: ${DEFAULT-VALUE}")
  int workerPrefetch = 0;

  @Option(
      names = "--worker-jar",
      paramLabel = "PATH",
      description =
          "The worker jar to spawn (env PRODUCER_WORKER_JAR). Default: worker.jar beside"
              + " producer.jar, or ../../worker/target/worker.jar from it")
  Path workerJar;

  @Option(
      names = "--warmup",
      paramLabel = "K|auto",
      description =
          "Rounds per mode run first and not counted; auto: at least 8, then until three"
              + " rounds in a row whose JIT compilers use under 5%% of the JVMs' CPU, at most 50"
              + " (env PRODUCER_WARMUP). Default: auto with --mode all, so that the modes are"
              + " compared warm; 0 otherwise")
  String warmup;

  @Option(
      names = "--repeat",
      paramLabel = "K",
      description =
          "Rounds per mode counted, the modes taking them in turns: the report gives the"
              + " median, min and max (env PRODUCER_REPEAT). Default: 5 with --mode all, so"
              + " that one unlucky round does not decide the comparison; 1 otherwise")
  Integer repeat;

  @Option(
      names = "--cold",
      negatable = true,
      description =
          "Also time the fleet once on fresh worker JVMs, start-up included; needs"
              + " --spawn-workers (env PRODUCER_COLD). Default: ${DEFAULT-VALUE}")
  boolean cold = false;

  @Option(
      names = "--sweep-iterations",
      paramLabel = "N,N,...",
      split = ",",
      description =
          "Run the modes at each of these task sizes and say where the fleet breaks"
              + " even (env PRODUCER_SWEEP_ITERATIONS)")
  List<Long> sweepIterations = new ArrayList<>();

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
        broker.brokerUrl(),
        broker.topology().withResultQueueType(resultQueueType),
        Codecs.byName(codec),
        tasks,
        iterations,
        awaitWorkers,
        Duration.ofSeconds(Math.max(0, awaitTimeoutSeconds)),
        Duration.ofSeconds(timeoutSeconds),
        confirmWindow,
        json,
        progress,
        broker.connectRetry(),
        kindOptions(),
        html,
        ChunkSize.parse(chunk));
  }

  private KindOptions kindOptions() {
    KindRegistry kinds = Plugins.load(plugins);
    if (tasksFile != null) {
      return KindOptions.fromFile(kinds, plugins, tasksFile);
    }
    int[] size = KindOptions.parseImageSize(imageSize);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("sleepMs", sleepMs);
    if (url != null) {
      values.put("url", url);
    }
    values.put("width", size[0]);
    values.put("height", size[1]);
    values.putAll(params);
    return KindOptions.fromFlags(kinds, plugins, kind, values);
  }

  ExperimentConfig toExperiment() {
    return new ExperimentConfig(
        mode,
        threads,
        spawnWorkers,
        workerThreads,
        workerPrefetch,
        workerJar,
        broker.effectiveAmqpUrl(),
        Warmup.parse(warmup != null ? warmup : mode == Mode.ALL ? "auto" : "0"),
        repeat != null ? repeat : mode == Mode.ALL ? ALL_MODES_REPEAT : 1,
        cold,
        sweepIterations == null ? List.of() : sweepIterations);
  }

  @Override
  public Integer call() throws InterruptedException {
    ProducerConfig config = toConfig();
    ExperimentConfig experimentConfig = toExperiment();
    CountDownLatch reported = new CountDownLatch(1);
    if (metricsPort < 0 || metricsPort > 65_535) {
      throw new ConfigException("--metrics-port must be 0..65535, was " + metricsPort);
    }
    ProducerMetrics metrics = new ProducerMetrics();
    MetricsEndpoint endpoint =
        metricsPort == 0 ? null : MetricsEndpoint.start(metricsPort, metrics);
    Experiment experiment = new Experiment(config, experimentConfig, out, err, metrics);
    Thread onCtrlC =
        new Thread(
            () -> {
              experiment.interrupt();
              awaitQuietly(reported);
            },
            "fleet-producer-interrupt");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      ReportFile report = experiment.run();
      if (config.jsonFile() != null) {
        report.write(config.jsonFile());
        err.println("JSON report written to " + config.jsonFile());
      }
      if (config.htmlFile() != null) {
        new HtmlReport(report).write(config.htmlFile());
        err.println("HTML report written to " + config.htmlFile());
      }
      return exitCode(report);
    } finally {
      // Closed before the Ctrl-C hook is released: it waits until queues and workers are gone.
      experiment.close();
      if (endpoint != null) {
        endpoint.close();
      }
      reported.countDown();
      removeHook(onCtrlC);
    }
  }

  private int exitCode(ReportFile file) {
    List<RunReport> all = new ArrayList<>(file.runs());
    if (file.cold() != null) {
      all.addAll(file.cold());
    }
    for (RunReport report : all) {
      int code = exitCode(report);
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }

  private int exitCode(RunReport report) {
    if (report.interrupted()) {
      err.println("producer: interrupted; the report above is partial");
      return 130;
    }
    if (report.timedOut()) {
      err.println(
          "producer: timed out after "
              + timeoutSeconds
              + " s with "
              + report.missing()
              + " task(s) missing (listed above): are workers running on queue '"
              + broker.topology().taskQueue()
              + "'?");
      return 1;
    }
    if (!report.succeeded()) {
      throw new FleetException(
          report.failed()
              + " task(s) failed"
              + (report.valuesCorrect() ? "" : ", some values wrong"));
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
