package io.taskfleet.common;

/** A flag, an environment variable or a file the user gave is not acceptable. */
public class ConfigException extends FleetException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
