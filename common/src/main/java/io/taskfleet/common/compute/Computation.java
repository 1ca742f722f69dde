package io.taskfleet.common.compute;

/**
 * What running a task produced.
 *
 * @param value the number the kind returns: the sum, the milliseconds slept, the bytes downloaded,
 *     the image checksum
 * @param digest the SHA-256 of the downloaded body in hex for {@code http}; null otherwise
 */
public record Computation(long value, String digest) {

  public static Computation of(long value) {
    return new Computation(value, null);
  }
}
