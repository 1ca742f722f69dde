package io.taskfleet.common.protocol;

import java.util.List;

/**
 * What one message on the task queue holds once decoded: a single task (the original protocol), or
 * a chunk of tasks of one run. Tasks of a chunk that cannot be valid are listed apart, so the
 * innocent ones still run and the sender learns why the others failed.
 *
 * @param runId the run every task belongs to
 * @param chunk whether the message was a chunk (answered with a {@code results} message) or a
 *     single task (answered with one result, as the original protocol says)
 * @param tasks the valid tasks, in message order
 * @param rejected the tasks that cannot be valid, with the reason
 */
public record TaskMessage(
    String runId, boolean chunk, List<Task> tasks, List<RejectedTask> rejected) {

  /** The most tasks one chunk may carry. */
  public static final int MAX_CHUNK_TASKS = 10_000;

  public TaskMessage {
    tasks = List.copyOf(tasks);
    rejected = List.copyOf(rejected);
  }

  public static TaskMessage single(Task task) {
    return new TaskMessage(task.runId(), false, List.of(task), List.of());
  }

  /** Tasks in the message, valid or not. */
  public int size() {
    return tasks.size() + rejected.size();
  }

  /**
   * A task of a chunk that cannot be valid.
   *
   * @param taskId its id, read from the chunk
   * @param reason why, bounded in length
   */
  public record RejectedTask(long taskId, String reason) {}
}
