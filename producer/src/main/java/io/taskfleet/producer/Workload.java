package io.taskfleet.producer;

import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskKind;
import io.taskfleet.common.protocol.TaskParams;

/**
 * What to run, the same for every mode: how many tasks, of which kind, with which parameters.
 * This is the one place where tasks are made, so a new task kind only adds a case in
 * {@link #of}.
 *
 * @param kind what each task computes
 * @param params the parameters every task carries
 * @param tasks how many tasks
 */
public record Workload(TaskKind kind, TaskParams params, int tasks) {

  /** The workload the configuration asks for, with {@code iterations} as the cpu task size. */
  static Workload of(ProducerConfig config, long iterations) {
    // New task kinds add their case here, chosen from the configuration.
    return new Workload(TaskKind.CPU, TaskParams.cpu(iterations), config.tasks());
  }

  /** Task {@code id} of run {@code runId}. */
  public Task task(String runId, long id, long createdAtEpochMs) {
    return new Task(runId, id, kind, params, createdAtEpochMs);
  }

  /** The value every correct result carries. */
  public long expectedValue() {
    return task("sample", 0, 0).expectedValue();
  }

  /** The cpu task size, 0 for kinds without one; the x axis of the sweep. */
  public long iterations() {
    return params.iterations() == null ? 0 : params.iterations();
  }
}
