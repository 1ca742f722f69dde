package io.taskfleet.worker.metrics;

import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.impl.MicrometerMetricsCollector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.taskfleet.worker.WorkerStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The worker's Prometheus registry: its task counters, a compute-time histogram, the amqp-client's
 * own meters and a few JVM ones. Counters are read from {@link WorkerStats} at scrape time, so the
 * consuming threads count once.
 *
 * <p>Names as scraped: {@code taskfleet_tasks_total{outcome="completed|failed|dead_lettered"}},
 * {@code taskfleet_tasks_redelivered_total}, {@code taskfleet_tasks_in_flight}, {@code
 * taskfleet_task_compute_seconds} and the client's {@code rabbitmq_*}.
 */
public final class WorkerMetrics implements AutoCloseable {

  /** Prefix of the amqp-client's meters: {@code rabbitmq_consumed_total}, ... */
  public static final String AMQP_PREFIX = "rabbitmq";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer computeTime =
      Timer.builder("taskfleet.task.compute")
          .description("Time spent computing one task, measured by the worker")
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofMinutes(1))
          .register(registry);

  public WorkerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /** Registers the worker's counters, read from {@code stats} at each scrape. */
  public WorkerMetrics bind(WorkerStats stats) {
    outcome(stats, "completed", WorkerStats::completed);
    outcome(stats, "failed", WorkerStats::failed);
    outcome(stats, "dead_lettered", WorkerStats::deadLettered);
    FunctionCounter.builder("taskfleet.tasks.redelivered", stats, s -> s.redelivered())
        .description("Deliveries the broker marked as redelivered")
        .register(registry);
    Gauge.builder("taskfleet.tasks.in.flight", stats, s -> s.inFlight())
        .description("Tasks being handled right now")
        .register(registry);
    return this;
  }

  private void outcome(WorkerStats stats, String outcome, ToDoubleFunction<WorkerStats> count) {
    FunctionCounter.builder("taskfleet.tasks", stats, count)
        .description("Tasks handled, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Where {@link WorkerStats} sends each task's compute time. */
  public LongConsumer computeTimes() {
    return nanos -> computeTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The collector to give the connection factory, so the client's own meters land here. */
  public MetricsCollector amqpCollector() {
    return new MicrometerMetricsCollector(registry, AMQP_PREFIX);
  }

  /** Everything, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    registry.close();
  }
}
