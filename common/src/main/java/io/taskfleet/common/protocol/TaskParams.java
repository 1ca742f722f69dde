package io.taskfleet.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of a task. Each kind reads the fields it needs and leaves the others null; {@link
 * Task} checks that they are present and in range for its kind.
 *
 * @param iterations for {@code cpu}: how many numbers the loop adds up
 * @param sleepMs for {@code sleep}: how long to wait, in milliseconds
 * @param url for {@code http}: the http(s) URL to download
 * @param width for {@code image}: pixels per row
 * @param height for {@code image}: rows
 * @param pixels for {@code image}: width × height × 3 bytes, RGB, row by row (base64 in JSON, raw
 *     bytes in binary codecs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskParams(
    Long iterations, Long sleepMs, String url, Integer width, Integer height, byte[] pixels) {

  /** Parameters of a cpu task, the only kind before others existed. */
  public TaskParams(Long iterations) {
    this(iterations, null, null, null, null, null);
  }

  public static TaskParams cpu(long iterations) {
    return new TaskParams(iterations);
  }

  public static TaskParams sleep(long sleepMs) {
    return new TaskParams(null, sleepMs, null, null, null, null);
  }

  public static TaskParams http(String url) {
    return new TaskParams(null, null, url, null, null, null);
  }

  public static TaskParams image(int width, int height, byte[] pixels) {
    return new TaskParams(null, null, null, width, height, pixels);
  }

  // A record compares arrays by identity; compare the pixels themselves.
  @Override
  public boolean equals(Object other) {
    return other instanceof TaskParams p
        && Objects.equals(iterations, p.iterations)
        && Objects.equals(sleepMs, p.sleepMs)
        && Objects.equals(url, p.url)
        && Objects.equals(width, p.width)
        && Objects.equals(height, p.height)
        && Arrays.equals(pixels, p.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(iterations, sleepMs, url, width, height) * 31 + Arrays.hashCode(pixels);
  }

  // Never print a whole image into a log line.
  @Override
  public String toString() {
    return "TaskParams[iterations="
        + iterations
        + ", sleepMs="
        + sleepMs
        + ", url="
        + url
        + ", width="
        + width
        + ", height="
        + height
        + ", pixels="
        + (pixels == null ? "null" : pixels.length + " bytes")
        + "]";
  }
}
