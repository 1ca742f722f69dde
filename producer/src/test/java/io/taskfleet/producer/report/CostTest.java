package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostTest {

  /** A run's cost from its processes, with no thread figures. */
  private static Cost of(Cost.ProcessCost... processes) {
    return new Cost(List.of(processes), List.of());
  }

  @Test
  void workersTogetherCostTheirCpuOverTheTasksTheyShared() {
    // 0.3 s over 300 tasks and 0.1 s over 100 tasks: 1 ms per task each, and 1 ms together.
    Cost cost =
        of(
            new Cost.ProcessCost("producer", "me:1", 0.05, 0, 400, 0.125),
            new Cost.ProcessCost("worker", "h:1", 0.3, 0, 300, 1.0),
            new Cost.ProcessCost("worker", "h:2", 0.1, 0, 100, 1.0));

    assertThat(cost.cpuMsPerTask("worker")).isCloseTo(1.0, within(1e-9));
    assertThat(cost.cpuMsPerTask("producer")).isCloseTo(0.125, within(1e-9));
    assertThat(cost.cpuMsPerTask("broker")).isZero();
  }

  @Test
  void unevenWorkersWeighByTheirTasks() {
    Cost cost =
        of(
            new Cost.ProcessCost("worker", "h:1", 0.9, 0, 300, 3.0),
            new Cost.ProcessCost("worker", "h:2", 0.1, 0, 100, 1.0));

    assertThat(cost.cpuMsPerTask("worker")).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void aRunWhoseJvmsStillCompileSaysItIsNotWarm() {
    Cost warming =
        of(
            new Cost.ProcessCost("producer", "me:1", 0.5, 0.12, 500, 1.0),
            new Cost.ProcessCost("worker", "h:1", 1.0, 0.02, 250, 4.0),
            new Cost.ProcessCost("worker", "h:2", 1.0, 0.03, 250, 4.0),
            new Cost.ProcessCost("broker", "1 local RabbitMQ process", 0.1, 0, 500, 0.2));
    Cost warm =
        of(
            new Cost.ProcessCost("producer", "me:1", 0.5, 0.01, 500, 1.0),
            new Cost.ProcessCost("worker", "h:1", 1.0, 0.02, 500, 2.0));
    Cost unknown = of(new Cost.ProcessCost("worker", "h:1", 1.0, 0, 500, 2.0));

    assertThat(TextReport.jitLine(warming))
        .hasValue(
            "compiling during the run: producer 120 ms (24.0% of their CPU), workers 50 ms (2.5% of"
                + " their CPU); not warm yet (5% or more of their CPU): more --warmup rounds"
                + " measure the steady state");
    assertThat(TextReport.jitLine(warm))
        .hasValue(
            "compiling during the run: producer 10 ms (2.0% of their CPU), workers 20 ms (2.0% of"
                + " their CPU)");
    assertThat(TextReport.jitLine(unknown)).isEmpty();
  }
}
