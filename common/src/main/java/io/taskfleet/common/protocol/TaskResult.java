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
 * @param digest for {@code http}: the SHA-256 of the body, in lower-case hex; null otherwise
 */
public record TaskResult(
    String runId,
    long taskId,
    TaskStatus status,
    long value,
    @JsonInclude(JsonInclude.Include.NON_NULL) String error,
    WorkerIdentity worker,
    WorkerTimings timings,
    boolean redelivered,
    @JsonInclude(JsonInclude.Include.NON_NULL) String digest) {

  /** The longest digest accepted: SHA-512 in hex, with room for a prefix. */
  public static final int MAX_DIGEST_LENGTH = 160;

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
    if (digest != null && digest.length() > MAX_DIGEST_LENGTH) {
      throw new InvalidMessageException(
          "digest is longer than " + MAX_DIGEST_LENGTH + " characters");
    }
  }

  /** A result without a digest, as every kind but {@code http} returns. */
  public TaskResult(
      String runId,
      long taskId,
      TaskStatus status,
      long value,
      String error,
      WorkerIdentity worker,
      WorkerTimings timings,
      boolean redelivered) {
    this(runId, taskId, status, value, error, worker, timings, redelivered, null);
  }

  public static TaskResult ok(
      Task task, long value, WorkerIdentity worker, WorkerTimings timings, boolean redelivered) {
    return ok(task, value, null, worker, timings, redelivered);
  }

  public static TaskResult ok(
      Task task,
      long value,
      String digest,
      WorkerIdentity worker,
      WorkerTimings timings,
      boolean redelivered) {
    return new TaskResult(
        task.runId(),
        task.taskId(),
        TaskStatus.OK,
        value,
        null,
        worker,
        timings,
        redelivered,
        digest);
  }

  public static TaskResult failed(
      String runId,
      long taskId,
      String error,
      WorkerIdentity worker,
      WorkerTimings timings,
      boolean redelivered) {
    return new TaskResult(runId, taskId, TaskStatus.FAILED, 0, error, worker, timings, redelivered);
  }

  public TaskResult withTimings(WorkerTimings newTimings) {
    return new TaskResult(
        runId, taskId, status, value, error, worker, newTimings, redelivered, digest);
  }

  public boolean isOk() {
    return status == TaskStatus.OK;
  }
}
