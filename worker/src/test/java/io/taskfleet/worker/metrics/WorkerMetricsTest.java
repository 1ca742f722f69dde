package io.taskfleet.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.worker.Outcome;
import io.taskfleet.worker.StatsFeeder;
import io.taskfleet.worker.WorkerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

  private final WorkerMetrics metrics = new WorkerMetrics();

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void scrapeCountsTasksByOutcomeAsStatsSeeThem() {
    WorkerStats stats = new WorkerStats(metrics.computeTimes());
    metrics.bind(stats);

    StatsFeeder.handled(stats, Outcome.completed(new byte[0], 2_000_000), false);
    StatsFeeder.handled(stats, Outcome.completed(new byte[0], 3_000_000), true);
    StatsFeeder.handled(stats, Outcome.failed(new byte[0], 1_000_000), false);
    StatsFeeder.handled(stats, Outcome.deadLettered("unsupported content type", null), false);
    StatsFeeder.started(stats);
    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains("taskfleet_tasks_total{outcome=\"completed\"} 2")
        .contains("taskfleet_tasks_total{outcome=\"failed\"} 1")
        .contains("taskfleet_tasks_total{outcome=\"dead_lettered\"} 1")
        .contains("taskfleet_tasks_redelivered_total 1")
        .contains("taskfleet_tasks_in_flight 1")
        .contains("taskfleet_task_compute_seconds_count 3")
        .contains("taskfleet_task_compute_seconds_bucket{le=\"0.001048576\"} 1");
  }

  @Test
  void scrapeCarriesJvmMetersBeforeAnyTask() {
    String scrape = metrics.bind(new WorkerStats()).scrape();

    assertThat(scrape)
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads")
        .contains("taskfleet_tasks_total{outcome=\"completed\"} 0");
  }
}
