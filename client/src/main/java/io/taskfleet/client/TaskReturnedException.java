package io.taskfleet.client;

/** The broker returned a task: no queue took it (the task queue is gone). */
public final class TaskReturnedException extends TaskClientException {
  private static final long serialVersionUID = 1L;

  public TaskReturnedException(String message) {
    super(message);
  }
}
