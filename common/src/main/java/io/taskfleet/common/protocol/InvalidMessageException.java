package io.taskfleet.common.protocol;

import io.taskfleet.common.FleetException;

/** A message body that can never become a valid task or result; never worth a retry. */
public class InvalidMessageException extends FleetException {
  private static final long serialVersionUID = 1L;

  public InvalidMessageException(String message) {
    super(message);
  }

  public InvalidMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
