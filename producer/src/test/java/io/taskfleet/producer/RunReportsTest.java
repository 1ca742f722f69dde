package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.client.ResultCollector;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunReportsTest {

  private static final long MS = 1_000_000;

  private static ProducerConfig config(int tasks) {
    return new ProducerConfig(
        BrokerUrl.parse(BrokerUrl.DEFAULT),
        new Topology("tasks", QueueType.QUORUM, 5),
        Codecs.byName("json"),
        tasks,
        10,
        0,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        100,
        null,
        ProducerConfig.ProgressStyle.NONE,
        Duration.ZERO,
        KindOptions.CPU,
        null,
        null);
  }

  @Test
  void elapsedRunsFromFirstPublishToLastResultAndOverheadIsLatencyMinusCompute() {
    long[] published = {1_000 * MS, 1_000 * MS, 1_000 * MS, 1_000 * MS};
    ResultCollector collector = new ResultCollector("r", 4, 45, published);
    WorkerIdentity w = new WorkerIdentity("h", 1, "t");
    for (int i = 0; i < 4; i++) {
      collector.accept(
          new TaskResult("r", i, TaskStatus.OK, 45, null, w, new WorkerTimings(0, MS, 0), false),
          (1_000 + 250 * (i + 1)) * MS);
    }

    RunReport report =
        RunReports.fleet("r", config(4), collector.snapshot(), 1_000 * MS, 0, false, false);

    assertThat(report.elapsedSeconds()).isEqualTo(1.0);
    assertThat(report.tasksPerSecond()).isEqualTo(4.0);
    assertThat(report.computeMsMean()).isEqualTo(1.0);
    assertThat(report.overheadMsMean()).isEqualTo(624.0);
    assertThat(report.latencyMs().max()).isBetween(999.0, 1001.0);
    assertThat(report.valuesCorrect()).isTrue();
    assertThat(report.succeeded()).isTrue();
    assertThat(report.distinctWorkers()).isEqualTo(1);
  }

  @Test
  void missingTasksAreCountedAndListed() {
    ResultCollector collector = new ResultCollector("r", 3, 45, new long[3]);
    collector.accept(
        new TaskResult(
            "r",
            1,
            TaskStatus.OK,
            45,
            null,
            new WorkerIdentity("h", 1, "t"),
            WorkerTimings.NONE,
            false),
        5);

    RunReport report = RunReports.fleet("r", config(3), collector.snapshot(), 0, 0, true, false);

    assertThat(report.missing()).isEqualTo(2);
    assertThat(report.missingTaskIds()).containsExactly(0L, 2L);
    assertThat(report.timedOut()).isTrue();
    assertThat(report.succeeded()).isFalse();
  }

  @Test
  void noResultsMeansNoThroughputAndNoCorrectValues() {
    ResultCollector collector = new ResultCollector("r", 2, 45, new long[2]);

    RunReport report = RunReports.fleet("r", config(2), collector.snapshot(), 0, 0, true, false);

    assertThat(report.tasksPerSecond()).isZero();
    assertThat(report.valuesCorrect()).isFalse();
    assertThat(report.latencyMs().p50()).isZero();
  }
}
