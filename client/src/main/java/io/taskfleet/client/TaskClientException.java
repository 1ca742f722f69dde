package io.taskfleet.client;

import io.taskfleet.common.FleetException;

/**
 * A task could not be run: the client closed, its batch timed out or was cancelled, or the broker
 * returned it (no task queue). A task that ran and failed is not one: it has a failed result.
 */
public class TaskClientException extends FleetException {
  private static final long serialVersionUID = 1L;

  public TaskClientException(String message) {
    super(message);
  }

  public TaskClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
