package io.taskfleet.common;

/**
 * Root of the project's unchecked exceptions. Its message is written for the user: {@code main}
 * prints it as one line on stderr, without a stack trace.
 */
public class FleetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FleetException(String message) {
    super(message);
  }

  public FleetException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code that {@code main} uses for this failure. */
  public int exitCode() {
    return 1;
  }
}
