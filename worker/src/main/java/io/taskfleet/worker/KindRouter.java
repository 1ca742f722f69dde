package io.taskfleet.worker;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.protocol.Task;
import java.util.concurrent.ExecutorService;

/**
 * Sends each task to the threads of its kind: I/O-bound kinds (sleep, http, any plugin kind that
 * says so) to a wide pool, where many wait at once; cpu-bound ones to one thread per core asked
 * for.
 */
final class KindRouter {

  private final ExecutorService cpu;
  private final ExecutorService io;

  private final KindRegistry kinds;

  KindRouter(ExecutorService cpu, ExecutorService io, KindRegistry kinds) {
    this.cpu = cpu;
    this.io = io;
    this.kinds = kinds;
  }

  /** Whether the task's kind says it mostly waits (its {@code ioBound()}). */
  boolean ioBound(Task task) {
    return kinds.find(task.kind()).map(TaskKind::ioBound).orElse(false);
  }

  /** Runs on one of the threads for cpu-bound kinds. */
  void executeCpu(Runnable work) {
    cpu.execute(work);
  }

  /** Runs on one of the threads for I/O-bound kinds. */
  void executeIo(Runnable work) {
    io.execute(work);
  }
}
