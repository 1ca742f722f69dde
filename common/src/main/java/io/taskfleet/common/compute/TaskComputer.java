package io.taskfleet.common.compute;

import io.taskfleet.common.protocol.Task;

/**
 * Runs a task's computation, with no messaging: the same code runs in the worker, on the
 * producer's own thread and on an in-process pool, so modes differ only in how tasks travel.
 */
public final class TaskComputer {

  public long compute(Task task) {
    return switch (task.kind()) {
      case CPU -> CpuLoop.sum(task.params().iterations());
    };
  }
}
