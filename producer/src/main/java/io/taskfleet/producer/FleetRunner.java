package io.taskfleet.producer;

import io.taskfleet.client.ChunkMeasurement;
import io.taskfleet.producer.metrics.ProducerMetrics;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --mode fleet}: each run is a {@link FleetRun} on the broker. With local workers it starts
 * them on first use and keeps them across runs, so every round after the first meets warm JVMs.
 */
final class FleetRunner implements ModeRunner {

  private final ProducerConfig config;
  private final LocalFleet localFleet;
  private final PrintStream err;
  private final ProducerMetrics metrics;
  private volatile FleetRun current;

  /**
   * What {@code --chunk auto} measured per workload: its next run (a later round) starts from it
   * instead of probing the fleet again.
   */
  private final Map<String, ChunkMeasurement> measured = new HashMap<>();

  private volatile boolean interrupted;

  /**
   * @param localFleet workers to start and wait for, or null when they run elsewhere
   */
  FleetRunner(ProducerConfig config, LocalFleet localFleet, PrintStream err) {
    this(config, localFleet, err, new ProducerMetrics());
  }

  /**
   * @param metrics told when each run starts and ends
   */
  FleetRunner(
      ProducerConfig config, LocalFleet localFleet, PrintStream err, ProducerMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.localFleet = localFleet;
    this.err = err;
  }

  @Override
  public Mode mode() {
    return Mode.FLEET;
  }

  @Override
  public RunReport run(Workload workload) throws InterruptedException {
    ProducerConfig runConfig = config;
    if (localFleet != null) {
      localFleet.start();
      runConfig = config.withAwaitWorkers(Math.max(config.awaitWorkers(), localFleet.size()));
    }
    String work = workload.describe() + " x " + workload.tasks();
    try (FleetRun run =
        new FleetRun(runConfig, workload, err)
            .observedBy(metrics)
            .startingFrom(measured.get(work))) {
      current = run;
      if (interrupted) {
        run.interrupt();
      }
      RunReport report = run.run();
      if (run.chunkMeasured() != null && report.succeeded()) {
        measured.put(work, run.chunkMeasured());
      }
      return report;
    } finally {
      current = null;
    }
  }

  @Override
  public void interrupt() {
    interrupted = true;
    FleetRun run = current;
    if (run != null) {
      run.interrupt();
    }
  }
}
