package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostTest {

  @Test
  void workersTogetherCostTheirCpuOverTheTasksTheyShared() {
    // 0.3 s over 300 tasks and 0.1 s over 100 tasks: 1 ms per task each, and 1 ms together.
    Cost cost =
        new Cost(
            List.of(
                new Cost.ProcessCost("producer", "me:1", 0.05, 400, 0.125),
                new Cost.ProcessCost("worker", "h:1", 0.3, 300, 1.0),
                new Cost.ProcessCost("worker", "h:2", 0.1, 100, 1.0)),
            List.of());

    assertThat(cost.cpuMsPerTask("worker")).isCloseTo(1.0, within(1e-9));
    assertThat(cost.cpuMsPerTask("producer")).isCloseTo(0.125, within(1e-9));
    assertThat(cost.cpuMsPerTask("broker")).isZero();
  }

  @Test
  void unevenWorkersWeighByTheirTasks() {
    Cost cost =
        new Cost(
            List.of(
                new Cost.ProcessCost("worker", "h:1", 0.9, 300, 3.0),
                new Cost.ProcessCost("worker", "h:2", 0.1, 100, 1.0)),
            List.of());

    assertThat(cost.cpuMsPerTask("worker")).isCloseTo(2.5, within(1e-9));
  }
}
