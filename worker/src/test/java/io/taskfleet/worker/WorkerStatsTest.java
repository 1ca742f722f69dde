package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStatsTest {

  @Test
  void computeTimeOfComputedTasksIsPassedOnButNotOfDeadLetteredOnes() {
    List<Long> computeTimes = new ArrayList<>();
    WorkerStats stats = new WorkerStats(computeTimes::add);

    StatsFeeder.handled(stats, Outcome.completed(new byte[0], 1_000), false);
    StatsFeeder.handled(stats, Outcome.failed(new byte[0], 2_000), true);
    StatsFeeder.handled(stats, Outcome.deadLettered("bad", null), false);

    assertThat(computeTimes).containsExactly(1_000L, 2_000L);
    assertThat(stats.completed()).isEqualTo(1);
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.deadLettered()).isEqualTo(1);
    assertThat(stats.redelivered()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
  }
}
