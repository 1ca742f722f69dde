package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {

  private static TaskResult computed(long computeNanos) {
    return computed(0, computeNanos);
  }

  private static TaskResult computed(long taskId, long computeNanos) {
    return new TaskResult(
        "r",
        taskId,
        TaskStatus.OK,
        1,
        null,
        new WorkerIdentity("h", 1, "t"),
        new WorkerTimings(0, computeNanos, 0),
        false);
  }

  /** Publishes {@code tasks} through the planner; the probes' results arrive as measured. */
  private static List<Integer> sizes(ChunkPlanner planner, int tasks, long compute, long overhead)
      throws InterruptedException {
    List<Integer> sizes = new ArrayList<>();
    int left = tasks;
    int probesAnswered = 0;
    while (left > 0) {
      int size = planner.next(left);
      sizes.add(size);
      left -= size;
      if (size == 1 && probesAnswered++ < 4) {
        planner.measured(computed(compute), compute + overhead);
      }
    }
    return sizes;
  }

  @Test
  void aFixedSizeIsHonouredExactly() throws InterruptedException {
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Fixed(7), 2);

    assertThat(sizes(planner, 20, 0, 0)).containsExactly(7, 7, 6);
    assertThat(planner.explain()).startsWith("chunk 7 (fixed by --chunk): 3 message(s)");
  }

  @Test
  void autoProbesThenSizesForMessagingAtMostTwoPercentAndShrinksTowardTheEnd()
      throws InterruptedException {
    // 1 ms of compute, 9 ms of messaging per message: 441 tasks keep messaging <= 2%.
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Auto(), 2);

    List<Integer> sizes = sizes(planner, 10_000, 1_000_000, 9_000_000);

    assertThat(sizes.subList(0, 4)).containsOnly(1);
    assertThat(sizes.get(4)).isEqualTo(441);
    assertThat(sizes.get(sizes.size() - 1)).isEqualTo(1);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
    for (int i = 5; i < sizes.size(); i++) {
      assertThat(sizes.get(i)).isLessThanOrEqualTo(sizes.get(i - 1));
    }
    assertThat(planner.explain()).contains("so 441 task(s) keep messaging <= 2%");
  }

  @Test
  void theBalanceRuleCapsChunksAtHalfAnEqualShare() throws InterruptedException {
    // Tiny tasks would want huge chunks; 2 consumers × 2 chunks each caps the first at 1/4.
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Auto(), 2);

    List<Integer> sizes = sizes(planner, 10_004, 1_000, 10_000_000);

    assertThat(sizes.get(4)).isEqualTo(2_500);
  }

  @Test
  void ioBoundTasksAreSizedByTheBalanceRuleAlone() throws InterruptedException {
    // 10 ms of waiting per task looks like compute, but a worker overlaps many of them.
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Auto(), 2, true);

    List<Integer> sizes = sizes(planner, 20_000, 10_000_000, 10_000_000);

    assertThat(sizes.get(0)).as("no probes: there is nothing to measure").isEqualTo(5_000);
    assertThat(sizes.get(sizes.size() - 1)).isEqualTo(1);
    assertThat(planner.explain())
        .contains("I/O-bound tasks overlap on the workers")
        .doesNotContain("probes");
  }

  @Test
  void anEarlierMeasurementSizesChunksAtOnceAndIsKeptCurrent() throws InterruptedException {
    ChunkPlanner planner =
        new ChunkPlanner(
            new ChunkSize.Auto(), 2, false, new ChunkMeasurement(9_000_000, 1_000_000));

    // One probe per consumer, not waited for: the next message is a chunk sized from the figure.
    assertThat(planner.next(10_000)).isEqualTo(1);
    assertThat(planner.next(9_999)).isEqualTo(1);
    assertThat(planner.next(9_998)).isEqualTo(441);
    planner.measured(computed(2, 2_000_000), 50_000_000);
    planner.measured(computed(3, 4_000_000), 50_000_000);

    assertThat(planner.explain())
        .contains("measured by an earlier batch, kept current by 2 single-task probe(s)");
    // Chunks cannot measure a message; the compute is this batch's.
    assertThat(planner.measurement()).hasValue(new ChunkMeasurement(9_000_000, 3_000_000));
  }

  @Test
  void probesLowerTheOverheadThatTheNextBatchStartsFrom() throws InterruptedException {
    // The first batch's probes met cold JVMs: 40 ms per message. Warm, a message costs 2 ms.
    ChunkPlanner planner =
        new ChunkPlanner(
            new ChunkSize.Auto(), 2, false, new ChunkMeasurement(40_000_000, 1_000_000));
    List<Integer> sizes = new ArrayList<>();
    for (int left = 3_000; left > 0; ) {
      int size = planner.next(left);
      sizes.add(size);
      left -= size;
    }
    planner.measured(computed(0, 1_000_000), 3_000_000);
    planner.measured(computed(1, 1_000_000), 5_000_000);
    planner.measured(computed(2, 1_000_000), 1_000_000);

    assertThat(sizes.subList(0, 3)).as("sized from the earlier figure").containsExactly(1, 1, 750);
    assertThat(planner.explain()).contains("measured 40.000 ms messaging per message");
    assertThat(planner.measurement())
        .as("only tasks that travelled alone measure a message")
        .hasValue(new ChunkMeasurement(2_000_000, 1_000_000));
  }

  @Test
  void fixedSizesMeasureNothing() throws InterruptedException {
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Fixed(1), 2);
    planner.next(5);
    planner.measured(computed(1_000), 2_000);

    assertThat(planner.measurement()).isEmpty();
  }
}
