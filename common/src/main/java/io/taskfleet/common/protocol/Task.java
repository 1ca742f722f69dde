package io.taskfleet.common.protocol;

/**
 * One unit of work, as published on the task queue.
 *
 * <p>{@code params} is the record of the task's kind (e.g. {@code CpuParams}), written as a JSON
 * object with that record's fields; a codec binds it back through its {@link
 * io.taskfleet.api.KindRegistry} and checks it with the kind's {@code validate}.
 *
 * @param runId the producer run it belongs to
 * @param taskId its number within the run, 0-based
 * @param kind the name of its kind, e.g. {@code cpu}
 * @param params the parameters the kind needs, as that kind's record
 * @param createdAtEpochMs when the producer created it, milliseconds since the Unix epoch
 */
public record Task(String runId, long taskId, String kind, Record params, long createdAtEpochMs) {

  public Task {
    if (runId == null || runId.isBlank()) {
      throw new InvalidMessageException("task has no runId");
    }
    if (taskId < 0) {
      throw new InvalidMessageException("taskId must be >= 0, was " + taskId);
    }
    if (kind == null || kind.isBlank()) {
      throw new InvalidMessageException("task has no kind");
    }
    if (params == null) {
      throw new InvalidMessageException(kind + " task has no params");
    }
  }
}
