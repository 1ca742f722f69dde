package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker-free modes, computing for real on this JVM. */
class InProcessRunnersTest {

  private static final Workload WORKLOAD = new Workload("cpu", new CpuParams(10_000), 200);

  @Test
  void originComputesEveryTaskCorrectlyOnOneThreadOfThisProcess() throws InterruptedException {
    try (OriginRunner origin = new OriginRunner(Duration.ofSeconds(30))) {
      RunReport report = origin.run(WORKLOAD);

      assertThat(report.mode()).isEqualTo("origin");
      assertThat(report.succeeded()).isTrue();
      assertThat(report.completed()).isEqualTo(200);
      assertThat(report.iterations()).isEqualTo(10_000);
      assertThat(report.threadsPerWorker()).isEqualTo(1);
      assertThat(report.workers())
          .singleElement()
          .satisfies(w -> assertThat(w.pid()).isEqualTo(Identities.pid()));
      assertThat(report.elapsedSeconds()).isPositive();
      assertThat(report.decomposition()).isNull();
    }
  }

  @Test
  void threadsSpreadsTheTasksOverThePoolAndReusesItAcrossRounds() throws InterruptedException {
    Workload bigger = new Workload("cpu", new CpuParams(200_000), 400);
    try (ThreadsRunner threads = new ThreadsRunner(2, Duration.ofSeconds(30))) {
      RunReport first = threads.run(bigger);
      RunReport second = threads.run(bigger);

      assertThat(first.succeeded()).isTrue();
      assertThat(second.succeeded()).isTrue();
      assertThat(second.mode()).isEqualTo("threads");
      assertThat(second.threadsPerWorker()).isEqualTo(2);
      assertThat(second.runId()).isNotEqualTo(first.runId());
    }
  }

  @Test
  void roundsReportTheMedianRoundWithEveryRoundsTime() throws InterruptedException {
    try (OriginRunner origin = new OriginRunner(Duration.ofSeconds(30))) {
      RunReport report =
          new Rounds(
                  new Warmup.Fixed(1),
                  3,
                  new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
              .run(List.of(Rounds.Series.of(origin)), WORKLOAD)
              .get(0);

      assertThat(report.rounds().warmup()).isEqualTo(1);
      assertThat(report.rounds().elapsedSeconds()).hasSize(3).contains(report.elapsedSeconds());
      assertThat(report.rounds().minSeconds()).isLessThanOrEqualTo(report.rounds().medianSeconds());
      assertThat(report.rounds().maxSeconds())
          .isGreaterThanOrEqualTo(report.rounds().medianSeconds());
    }
  }
}
