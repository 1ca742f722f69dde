package io.taskfleet.common.cli;

import io.taskfleet.common.ConfigException;

/** Range checks for configuration records, each failing with a message that names the option. */
public final class Checks {

  private Checks() {}

  public static int atLeast(String option, int value, int min) {
    if (value < min) {
      throw new ConfigException(option + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  public static int between(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(
          option + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public static long atLeast(String option, long value, long min) {
    if (value < min) {
      throw new ConfigException(option + " must be at least " + min + ", was " + value);
    }
    return value;
  }
}
