package io.taskfleet.common.broker;

import io.taskfleet.common.FleetException;

/** The broker cannot be reached, refused the credentials or closed on us at start. */
public class BrokerUnavailableException extends FleetException {
  private static final long serialVersionUID = 1L;

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
