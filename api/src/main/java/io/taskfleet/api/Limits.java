package io.taskfleet.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a worker agrees to run: limits by name (e.g. {@code max-iterations}), each a long. A kind
 * reads the ones it declares with its own default, so a worker started without a flag for it uses
 * the kind's default. Immutable.
 */
public final class Limits {

  private static final Limits DEFAULTS = new Limits(Map.of(), false);
  private static final Limits UNLIMITED = new Limits(Map.of(), true);

  private final Map<String, Long> values;
  private final boolean unlimited;

  private Limits(Map<String, Long> values, boolean unlimited) {
    this.values = values;
    this.unlimited = unlimited;
  }

  /** The given limits; a limit not named here takes its kind's default. */
  public static Limits of(Map<String, Long> values) {
    return new Limits(Map.copyOf(values), false);
  }

  /** Every limit at its kind's default. */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * No worker's limits, only the protocol's own bounds: what a codec checks when it reads a task,
   * before any worker has said what it accepts. Every {@link #get} is {@link Long#MAX_VALUE}.
   */
  public static Limits unlimited() {
    return UNLIMITED;
  }

  /** The limit {@code name}, or {@code defaultValue} when none was set. */
  public long get(String name, long defaultValue) {
    if (unlimited) {
      return Long.MAX_VALUE;
    }
    Long value = values.get(name);
    return value == null ? defaultValue : value;
  }

  /**
   * Throws when {@code value} is over the limit {@code name}, saying which option raises it: e.g.
   * {@code params.sleepMs 101 exceeds this worker's limit of 100 (--max-sleep-ms)}.
   *
   * @param what the quantity, for the message, e.g. {@code params.sleepMs}
   */
  public void check(String what, long value, String name, long defaultValue) {
    long limit = get(name, defaultValue);
    if (value > limit) {
      throw new InvalidTaskException(
          what + " " + value + " exceeds this worker's limit of " + limit + " (--" + name + ")");
    }
  }

  /** The limits set explicitly, by name. */
  public Map<String, Long> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return unlimited ? "Limits[unlimited]" : "Limits" + new TreeMap<>(values);
  }
}
