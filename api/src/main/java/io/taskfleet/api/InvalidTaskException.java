package io.taskfleet.api;

/**
 * The parameters of a task can never be run: out of range, missing, or over this worker's limits.
 * The message is written for the user who sent the task; the worker dead-letters the task with it.
 */
public class InvalidTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTaskException(String message) {
    super(message);
  }
}
