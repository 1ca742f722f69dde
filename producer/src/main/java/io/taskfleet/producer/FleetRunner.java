package io.taskfleet.producer;

import io.taskfleet.producer.metrics.ProducerMetrics;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;

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
    try (FleetRun run = new FleetRun(runConfig, workload, err).observedBy(metrics)) {
      current = run;
      if (interrupted) {
        run.interrupt();
      }
      return run.run();
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
