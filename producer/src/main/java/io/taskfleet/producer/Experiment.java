package io.taskfleet.producer;

import io.taskfleet.client.ChunkSize;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.producer.metrics.ProducerMetrics;
import io.taskfleet.producer.report.BreakEven;
import io.taskfleet.producer.report.Comparison;
import io.taskfleet.producer.report.ComparisonTable;
import io.taskfleet.producer.report.ReportFile;
import io.taskfleet.producer.report.RunReport;
import io.taskfleet.producer.report.SweepPoint;
import io.taskfleet.producer.report.TextReport;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation: the chosen modes at each task size, each in warm-up and counted rounds, the
 * optional cold fleet run, then the comparison table and the sweep. Owns the runners and the local
 * workers and closes them, in reverse order, whatever happens.
 */
final class Experiment implements AutoCloseable {

  private final ProducerConfig config;
  private final ExperimentConfig experiment;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<Mode, ModeRunner> runners = new EnumMap<>(Mode.class);
  private LocalFleet localFleet;
  private ModeRunner chunkOne;
  private final ProducerMetrics metrics;
  private volatile Runnable interruptCurrent = () -> {};
  private volatile boolean interrupted;

  Experiment(ProducerConfig config, ExperimentConfig experiment, PrintStream out, PrintStream err) {
    this(config, experiment, out, err, new ProducerMetrics());
  }

  /**
   * @param metrics told when each fleet run starts and ends, for {@code --metrics-port}
   */
  Experiment(
      ProducerConfig config,
      ExperimentConfig experiment,
      PrintStream out,
      PrintStream err,
      ProducerMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.experiment = experiment;
    this.out = out;
    this.err = err;
  }

  /** Runs everything and returns what the JSON report holds; stops early when a run fails. */
  ReportFile run() throws InterruptedException {
    List<RunReport> cold = experiment.cold() ? List.of(coldRun()) : null;
    List<RunReport> runs = new ArrayList<>();
    List<SweepPoint> sweep = new ArrayList<>();
    List<Comparison> comparison = null;
    List<Rounds.Series> series = series();
    interruptCurrent = () -> series.forEach(each -> each.runner().interrupt());
    if (sweepsChunkOne()) {
      err.printf("the fleet runs at one task per message too, beside auto, for the sweep%n");
    }
    for (long iterations : experiment.sizes(config.iterations())) {
      if (interrupted) {
        break;
      }
      List<RunReport> atSize =
          new Rounds(experiment.warmup(), experiment.repeat(), err, () -> interrupted)
              .run(series, Workload.of(config, iterations));
      for (RunReport report : atSize) {
        new TextReport(out).print(report);
      }
      runs.addAll(atSize);
      if (interrupted || atSize.stream().anyMatch(report -> !report.succeeded())) {
        return report(runs, null, null, null, cold);
      }
      comparison = Comparison.of(atSize);
      if (atSize.size() > 1) {
        new ComparisonTable(out).print(comparison);
      }
      sweep.add(new SweepPoint(iterations, comparison));
    }
    if (experiment.sweepIterations().isEmpty()) {
      return report(runs, atLeastTwo(comparison), null, null, cold);
    }
    List<BreakEven> breakEvens = new ArrayList<>();
    for (String fleet :
        sweepsChunkOne() ? List.of("fleet", Comparison.FLEET_CHUNK_1) : List.of("fleet")) {
      breakEvens.add(BreakEven.find(fleet, "origin", sweep));
      breakEvens.add(BreakEven.find(fleet, "threads", sweep));
    }
    new ComparisonTable(out).printSweep(sweep, breakEvens);
    return report(runs, atLeastTwo(comparison), sweep, breakEvens, cold);
  }

  /** The chosen modes in the table's order, the fleet at one task per message after the fleet. */
  private List<Rounds.Series> series() {
    List<Rounds.Series> series = new ArrayList<>();
    for (Mode mode : experiment.mode().expand()) {
      series.add(Rounds.Series.of(runner(mode)));
      if (mode == Mode.FLEET && sweepsChunkOne()) {
        series.add(new Rounds.Series(Comparison.FLEET_CHUNK_1, chunkOneRunner()));
      }
    }
    return series;
  }

  private static List<Comparison> atLeastTwo(List<Comparison> rows) {
    return rows != null && rows.size() > 1 ? rows : null;
  }

  private static ReportFile report(
      List<RunReport> runs,
      List<Comparison> comparison,
      List<SweepPoint> sweep,
      List<BreakEven> breakEvens,
      List<RunReport> cold) {
    return new ReportFile(
        Instant.now().toString(),
        ReportFile.Environment.current(Identities.hostName()),
        runs,
        comparison,
        sweep,
        breakEvens,
        cold);
  }

  /** The fleet on fresh worker JVMs, the clock started before they are: the seed's Pool timing. */
  private RunReport coldRun() throws InterruptedException {
    Workload workload = Workload.of(config, config.iterations());
    long start = System.nanoTime();
    try (LocalFleet fresh = new LocalFleet(spec());
        FleetRun run = new FleetRun(config.withAwaitWorkers(0), workload, err)) {
      interruptCurrent = run::interrupt;
      fresh.start();
      RunReport report = run.run();
      RunReport coldReport = report.asCold((System.nanoTime() - start) / 1e9);
      out.printf("%nCold fleet: fresh worker JVMs, start-up included%n");
      new TextReport(out).print(coldReport);
      return coldReport;
    }
  }

  /**
   * Whether a sweep runs the fleet at one task per message beside the auto chunk size, to show what
   * chunks buy at each task size.
   */
  private boolean sweepsChunkOne() {
    return !experiment.sweepIterations().isEmpty() && config.chunk() instanceof ChunkSize.Auto;
  }

  private ModeRunner chunkOneRunner() {
    if (chunkOne == null) {
      chunkOne =
          new FleetRunner(config.withChunk(new ChunkSize.Fixed(1)), localFleet(), err, metrics);
    }
    return chunkOne;
  }

  private ModeRunner runner(Mode mode) {
    return runners.computeIfAbsent(
        mode,
        m ->
            switch (m) {
              case ORIGIN -> new OriginRunner(config.timeout());
              case THREADS -> new ThreadsRunner(experiment.threads(), config.timeout());
              case FLEET -> new FleetRunner(config, localFleet(), err, metrics);
              case ALL -> throw new IllegalArgumentException("ALL is not one mode");
            });
  }

  private LocalFleet localFleet() {
    if (experiment.spawnWorkers() == 0) {
      return null;
    }
    if (localFleet == null) {
      localFleet = new LocalFleet(spec());
    }
    return localFleet;
  }

  private LocalFleet.Spec spec() {
    return new LocalFleet.Spec(
        experiment.spawnWorkers(),
        experiment.workerThreads(),
        experiment.workerPrefetch(),
        WorkerJar.locate(experiment.workerJar()),
        experiment.amqpUrl(),
        config.topology(),
        config.kindOptions().plugins());
  }

  /** Ends the current run early (Ctrl-C) and skips the rest. */
  void interrupt() {
    interrupted = true;
    interruptCurrent.run();
  }

  @Override
  public void close() {
    List<ModeRunner> all = new ArrayList<>(runners.values());
    if (chunkOne != null) {
      all.add(chunkOne);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).close();
    }
    if (localFleet != null) {
      localFleet.close();
    }
  }
}
