package io.taskfleet.api;

/**
 * What a task computed.
 *
 * @param value the number the kind returns, which the producer checks against {@link
 *     TaskKind#expectedValue}
 * @param digest an optional text such as a content hash (at most 160 characters); null for none
 */
public record TaskValue(long value, String digest) {

  /** The longest digest a result may carry. */
  public static final int MAX_DIGEST_LENGTH = 160;

  public TaskValue {
    if (digest != null && digest.length() > MAX_DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "digest is longer than " + MAX_DIGEST_LENGTH + " characters");
    }
  }

  public static TaskValue of(long value) {
    return new TaskValue(value, null);
  }
}
