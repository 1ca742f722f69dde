package io.taskfleet.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to one task, sent to the queue named in the task's {@code reply_to}.
 *
 * @param runId copied from the task
 * @param taskId copied from the task
 * @param status ok, or failed with {@code error} saying why
 * @param value what the computation returned (for {@code cpu}, the sum)
 * @param error why it failed; null when ok
 * @param worker who ran it
 * @param timings the worker's own timings
 * @param redelivered whether the broker had delivered this task before
 */
public record TaskResult(
    String runId,
    long taskId,
    TaskStatus status,
    long value,
    @JsonInclude(JsonInclude.Include.NON_NULL) String error,
    WorkerIdentity worker,
    WorkerTimings timings,
    boolean redelivered) {

  public TaskResult {
    if (runId == null || runId.isBlank()) {
      throw new InvalidMessageException("result has no runId");
    }
    if (status == null) {
      throw new InvalidMessageException("result has no status");
    }
    if (status == TaskStatus.FAILED && (error == null || error.isBlank())) {
      throw new InvalidMessageException("a failed result must say why in error");
    }
    if (worker == null) {
      throw new InvalidMessageException("result has no worker");
    }
    if (timings == null) {
      timings = WorkerTimings.NONE;
    }
  }

  public static TaskResult ok(
      Task task, long value, WorkerIdentity worker, WorkerTimings timings, boolean redelivered) {
    return new TaskResult(
        task.runId(), task.taskId(), TaskStatus.OK, value, null, worker, timings, redelivered);
  }

  public static TaskResult failed(
      String runId,
      long taskId,
      String error,
      WorkerIdentity worker,
      WorkerTimings timings,
      boolean redelivered) {
    return new TaskResult(
        runId, taskId, TaskStatus.FAILED, 0, error, worker, timings, redelivered);
  }

  public TaskResult withTimings(WorkerTimings newTimings) {
    return new TaskResult(runId, taskId, status, value, error, worker, newTimings, redelivered);
  }

  public boolean isOk() {
    return status == TaskStatus.OK;
  }
}
