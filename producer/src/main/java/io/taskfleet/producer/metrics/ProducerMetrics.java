package io.taskfleet.producer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;

/**
 * The producer's progress as Prometheus metrics, read at scrape time from the run in progress.
 *
 * <p>Names as scraped: {@code taskfleet_producer_run_tasks} (tasks in the current run), {@code
 * taskfleet_producer_run_results} (tasks with a result), {@code
 * taskfleet_producer_run_progress_ratio} (0..1), {@code taskfleet_producer_run_throughput} (results
 * per second since the run started), {@code taskfleet_producer_running} (1 while a fleet run is
 * under way) and {@code taskfleet_producer_runs_total} (runs finished).
 */
public final class ProducerMetrics {

  /** The run being measured; {@code endNanos} is 0 while it runs. */
  private record Run(int tasks, IntSupplier results, long startNanos, long endNanos) {
    boolean running() {
      return startNanos != 0 && endNanos == 0;
    }
  }

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter runsFinished;
  private volatile Run current = new Run(0, () -> 0, 0, 0);

  public ProducerMetrics() {
    Gauge.builder("taskfleet.producer.run.tasks", this, m -> m.current.tasks())
        .description("Tasks in the current (or last) run")
        .register(registry);
    Gauge.builder("taskfleet.producer.run.results", this, m -> m.current.results().getAsInt())
        .description("Tasks of the current (or last) run with a result")
        .register(registry);
    Gauge.builder("taskfleet.producer.run.progress.ratio", this, m -> m.progress())
        .description("Share of the current (or last) run's tasks with a result, 0 to 1")
        .register(registry);
    Gauge.builder("taskfleet.producer.run.throughput", this, m -> m.throughput(System.nanoTime()))
        .description("Results per second of the current (or last) run since it started")
        .register(registry);
    Gauge.builder("taskfleet.producer.running", this, m -> m.current.running() ? 1 : 0)
        .description("1 while a fleet run is under way")
        .register(registry);
    runsFinished =
        Counter.builder("taskfleet.producer.runs")
            .description("Fleet runs finished")
            .register(registry);
  }

  /** A fleet run starts now, with {@code results} counting the tasks that have a result. */
  public void runStarted(int tasks, IntSupplier results) {
    current = new Run(tasks, results, System.nanoTime(), 0);
  }

  /** The run is over; its figures stay readable until the next one starts. */
  public void runFinished() {
    Run run = current;
    int results = run.results().getAsInt();
    current = new Run(run.tasks(), () -> results, run.startNanos(), System.nanoTime());
    runsFinished.increment();
  }

  double progress() {
    Run run = current;
    return run.tasks() == 0 ? 0 : (double) run.results().getAsInt() / run.tasks();
  }

  double throughput(long nowNanos) {
    Run run = current;
    if (run.startNanos() == 0) {
      return 0;
    }
    long end = run.running() ? nowNanos : run.endNanos();
    double seconds = (end - run.startNanos()) / 1e9;
    return seconds <= 0 ? 0 : run.results().getAsInt() / seconds;
  }

  /** The metrics in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
