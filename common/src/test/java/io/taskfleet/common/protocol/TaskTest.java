package io.taskfleet.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.compute.TaskComputer;
import io.taskfleet.common.kinds.CpuParams;
import org.junit.jupiter.api.Test;

class TaskTest {

  @Test
  void computerRunsTheSeedLoop() {
    Task task = new Task("r", 0, "cpu", new CpuParams(4_000_000), 0);

    assertThat(new TaskComputer().compute(task)).isEqualTo(7_999_998_000_000L);
  }

  @Test
  void taskWithoutRunIdKindOrParamsOrWithNegativeIdIsRejected() {
    assertThatThrownBy(() -> new Task(" ", 0, "cpu", new CpuParams(1), 0))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> new Task("r", -1, "cpu", new CpuParams(1), 0))
        .hasMessageContaining("taskId must be >= 0");
    assertThatThrownBy(() -> new Task("r", 1, "", new CpuParams(1), 0))
        .hasMessage("task has no kind");
    assertThatThrownBy(() -> new Task("r", 1, "cpu", null, 0)).hasMessage("cpu task has no params");
  }

  @Test
  void failedResultMustSayWhy() {
    WorkerIdentity w = new WorkerIdentity("h", 1, "t");

    assertThatThrownBy(
            () -> new TaskResult("r", 0, TaskStatus.FAILED, 0, null, w, WorkerTimings.NONE, false))
        .hasMessageContaining("must say why");
  }

  @Test
  void workerIsIdentifiedByHostAndPid() {
    assertThat(new WorkerIdentity("c0ffee", 1, "fleet-worker-1").process()).isEqualTo("c0ffee:1");
  }
}
