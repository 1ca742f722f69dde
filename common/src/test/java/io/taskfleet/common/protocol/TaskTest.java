package io.taskfleet.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.compute.CpuLoop;
import io.taskfleet.common.compute.TaskComputer;
import org.junit.jupiter.api.Test;

class TaskTest {

  @Test
  void expectedValueIsTheClosedFormOfTheLoop() {
    for (long n : new long[] {0, 1, 2, 10, 4_000_000}) {
      Task task = new Task("r", 0, TaskKind.CPU, TaskParams.cpu(n), 0);

      assertThat(task.expectedValue()).isEqualTo(CpuLoop.sum(n)).isEqualTo(n * (n - 1) / 2);
    }
  }

  @Test
  void computerRunsTheSeedLoop() {
    Task task = new Task("r", 0, TaskKind.CPU, TaskParams.cpu(4_000_000), 0);

    assertThat(new TaskComputer().compute(task)).isEqualTo(7_999_998_000_000L);
  }

  @Test
  void taskWithoutRunIdOrWithNegativeIdIsRejected() {
    assertThatThrownBy(() -> new Task(" ", 0, TaskKind.CPU, TaskParams.cpu(1), 0))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> new Task("r", -1, TaskKind.CPU, TaskParams.cpu(1), 0))
        .hasMessageContaining("taskId must be >= 0");
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
