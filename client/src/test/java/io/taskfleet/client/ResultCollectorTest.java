package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResultCollectorTest {

  private static final long MS = 1_000_000;
  private static final WorkerIdentity A = new WorkerIdentity("host", 1, "t");
  private static final WorkerIdentity B = new WorkerIdentity("host", 2, "t");

  private static TaskResult ok(long id, long value, WorkerIdentity w) {
    return new TaskResult(
        "r", id, TaskStatus.OK, value, null, w, new WorkerTimings(0, 2 * MS, 0), false);
  }

  @Test
  void countsEachTaskOnceAndDuplicatesApart() throws InterruptedException {
    long[] published = {0, 0, 0};
    ResultCollector collector = new ResultCollector("r", 3, 42, published);

    assertThat(collector.accept(ok(0, 42, A), 10 * MS)).isTrue();
    assertThat(collector.accept(ok(0, 42, B), 11 * MS)).isFalse();
    collector.accept(ok(1, 42, B), 12 * MS);
    collector.accept(ok(2, 42, A), 13 * MS);

    ResultCollector.Snapshot s = collector.snapshot();
    assertThat(s.completed()).isEqualTo(3);
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(s.missing().isEmpty()).isTrue();
    assertThat(s.workers())
        .containsExactly(
            new ResultCollector.WorkerTally("host", 1, 2),
            new ResultCollector.WorkerTally("host", 2, 1));
    assertThat(collector.await(0, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void resultsOfAnotherRunAreIgnored() {
    ResultCollector collector = new ResultCollector("r", 1, 42, new long[1]);

    TaskResult stranger =
        new TaskResult("other", 0, TaskStatus.OK, 42, null, A, WorkerTimings.NONE, false);

    assertThat(collector.accept(stranger, 1)).isFalse();
    assertThat(collector.snapshot().foreign()).isEqualTo(1);
    assertThat(collector.snapshot().missing().cardinality()).isEqualTo(1);
  }

  @Test
  void wrongValuesAndFailuresAreCountedWithTheirReasons() {
    ResultCollector collector = new ResultCollector("r", 3, 42, new long[3]);

    collector.accept(ok(0, 41, A), 1);
    collector.accept(TaskResult.failed("r", 1, "boom", A, WorkerTimings.NONE, false), 1);
    collector.accept(TaskResult.failed("r", 2, "boom", A, WorkerTimings.NONE, false), 1);

    ResultCollector.Snapshot s = collector.snapshot();
    assertThat(s.wrongValues()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.failureReasons()).containsEntry("boom", 2);
  }

  @Test
  void latencyIsPublishToResultAndComputeIsTheWorkersFigure() {
    long[] published = {100 * MS, 100 * MS};
    ResultCollector collector = new ResultCollector("r", 2, 42, published);

    collector.accept(ok(0, 42, A), 104 * MS);
    collector.accept(ok(1, 42, A), 108 * MS);

    ResultCollector.Snapshot s = collector.snapshot();
    assertThat(s.latencyNanosMean()).isEqualTo(6 * MS);
    assertThat(s.computeNanosMean()).isEqualTo(2 * MS);
    assertThat(s.latencyMicros().getMaxValue()).isBetween(7_990L, 8_010L);
    assertThat(s.lastResultNanos()).isEqualTo(108 * MS);
  }

  private static TaskResult failed(long id, String error, WorkerIdentity w) {
    return new TaskResult("r", id, TaskStatus.FAILED, 0, error, w, WorkerTimings.NONE, false);
  }

  @Test
  void failureReasonsAreBoundedInLengthAndInNumber() {
    int tasks = 200;
    ResultCollector collector = new ResultCollector("r", tasks, 42, new long[tasks]);

    collector.accept(failed(0, "x".repeat(1_000_000) + "\nforged", A), MS);
    for (int id = 1; id < tasks; id++) {
      collector.accept(failed(id, "reason " + id, A), MS);
    }

    var reasons = collector.snapshot().failureReasons();
    assertThat(reasons).hasSize(ResultCollector.MAX_DISTINCT_REASONS + 1);
    assertThat(reasons.keySet())
        .allSatisfy(
            r ->
                assertThat(r)
                    .hasSizeLessThan(ResultCollector.MAX_REASON_CHARS + 40)
                    .doesNotContain("\n"));
    assertThat(reasons.get(ResultCollector.OTHER_REASONS))
        .isEqualTo(tasks - ResultCollector.MAX_DISTINCT_REASONS);
    assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(tasks);
  }

  @Test
  void hugeHostAndThreadNamesAreCutBeforeTheyAreKept() {
    WorkerIdentity huge = new WorkerIdentity("h".repeat(100_000), 3, "t".repeat(100_000));
    ResultCollector collector = new ResultCollector("r", 1, 42, new long[1]);

    collector.accept(ok(0, 42, huge), MS);

    assertThat(collector.snapshot().workers())
        .singleElement()
        .satisfies(w -> assertThat(w.host()).hasSizeLessThan(WorkerIdentity.MAX_NAME_CHARS + 40));
  }

  @Test
  void aNegativeTaskIdIsForeignNotACrash() {
    ResultCollector collector = new ResultCollector("r", 1, 42, new long[1]);

    assertThat(collector.accept(ok(-1, 42, A), MS)).isFalse();
    assertThat(collector.snapshot().completed()).isZero();
  }
}
