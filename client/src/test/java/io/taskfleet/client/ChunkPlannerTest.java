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
    return new TaskResult(
        "r",
        0,
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
  void autoProbesThenSizesForMessagingAtMostATenthAndShrinksTowardTheEnd()
      throws InterruptedException {
    // 1 ms of compute, 9 ms of messaging per message: 81 tasks keep messaging <= 10%.
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Auto(), 2);

    List<Integer> sizes = sizes(planner, 10_000, 1_000_000, 9_000_000);

    assertThat(sizes.subList(0, 4)).containsOnly(1);
    assertThat(sizes.get(4)).isEqualTo(81);
    assertThat(sizes.get(sizes.size() - 1)).isEqualTo(1);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
    for (int i = 5; i < sizes.size(); i++) {
      assertThat(sizes.get(i)).isLessThanOrEqualTo(sizes.get(i - 1));
    }
    assertThat(planner.explain()).contains("so 81 task(s) keep messaging <= 10%");
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
  void anEarlierMeasurementSkipsTheProbesAndIsKeptCurrent() throws InterruptedException {
    ChunkPlanner planner =
        new ChunkPlanner(
            new ChunkSize.Auto(), 2, false, new ChunkMeasurement(9_000_000, 1_000_000));

    // No single-task probes: the first message is already a chunk sized from the measurement.
    assertThat(planner.next(10_000)).isEqualTo(81);
    planner.measured(computed(2_000_000), 50_000_000);
    planner.measured(computed(4_000_000), 50_000_000);

    assertThat(planner.explain()).contains("measured by an earlier batch, so no probes");
    // The overhead stays (chunks cannot measure it); the compute is this batch's.
    assertThat(planner.measurement()).hasValue(new ChunkMeasurement(9_000_000, 3_000_000));
  }

  @Test
  void fixedSizesMeasureNothing() throws InterruptedException {
    ChunkPlanner planner = new ChunkPlanner(new ChunkSize.Fixed(1), 2);
    planner.next(5);
    planner.measured(computed(1_000), 2_000);

    assertThat(planner.measurement()).isEmpty();
  }
}
