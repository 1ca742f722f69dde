package io.taskfleet.worker;

import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskKind;
import java.util.concurrent.ExecutorService;

/**
 * Sends each task to the threads of its kind: I/O-bound kinds (sleep, http) to a wide pool, where
 * many wait at once; cpu-bound ones to one thread per core asked for.
 */
final class KindRouter {

  private final ExecutorService cpu;
  private final ExecutorService io;

  KindRouter(ExecutorService cpu, ExecutorService io) {
    this.cpu = cpu;
    this.io = io;
  }

  static boolean ioBound(Task task) {
    return task.kind() == TaskKind.SLEEP || task.kind() == TaskKind.HTTP;
  }

  void execute(Task task, Runnable work) {
    (ioBound(task) ? io : cpu).execute(work);
  }
}
