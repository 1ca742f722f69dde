package io.taskfleet.common.cli;

import io.taskfleet.common.ConfigException;
import java.util.OptionalInt;

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

  /**
   * A flag that takes {@code auto} (any case) or a whole number: empty for auto, else the number,
   * which the caller range-checks. Anything else fails with {@code "OPTION must be auto or WHAT,
   * was 'TEXT'"}.
   */
  public static OptionalInt autoOrNumber(String option, String what, String text) {
    String t = text == null ? "" : text.trim();
    if (t.equalsIgnoreCase("auto")) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new ConfigException(option + " must be auto or " + what + ", was '" + text + "'");
    }
  }
}
