package io.taskfleet.common.protocol;

import java.util.Objects;

/**
 * One unit of work, as published on the task queue.
 *
 * @param runId the producer run it belongs to
 * @param taskId its number within the run, 0-based
 * @param kind what to compute
 * @param params the parameters the kind needs
 * @param createdAtEpochMs when the producer created it, milliseconds since the Unix epoch
 */
public record Task(
    String runId, long taskId, TaskKind kind, TaskParams params, long createdAtEpochMs) {

  public Task {
    if (runId == null || runId.isBlank()) {
      throw new InvalidMessageException("task has no runId");
    }
    if (taskId < 0) {
      throw new InvalidMessageException("taskId must be >= 0, was " + taskId);
    }
    if (kind == null) {
      throw new InvalidMessageException("task has no kind (known: " + TaskKind.known() + ")");
    }
    Objects.requireNonNull(params, "params");
    switch (kind) {
      case CPU -> {
        if (params.iterations() == null) {
          throw new InvalidMessageException("cpu task needs params.iterations");
        }
        if (params.iterations() < 0) {
          throw new InvalidMessageException(
              "params.iterations must be >= 0, was " + params.iterations());
        }
      }
    }
  }

  /** What the worker should return for this task when it computes correctly. */
  public long expectedValue() {
    return switch (kind) {
      case CPU -> {
        long n = params.iterations();
        yield n * (n - 1) / 2;
      }
    };
  }
}
