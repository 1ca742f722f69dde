package io.taskfleet.common.kinds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parameters of an {@code image} task.
 *
 * @param width pixels per row
 * @param height rows
 * @param pixels width × height × 3 bytes, RGB, row by row (base64 in JSON, raw bytes in Smile);
 *     null in a workload's template, where each task draws its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageParams(int width, int height, byte[] pixels) {

  // A record compares arrays by identity; compare the pixels themselves.
  @Override
  public boolean equals(Object other) {
    return other instanceof ImageParams p
        && width == p.width
        && height == p.height
        && Arrays.equals(pixels, p.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(width, height) * 31 + Arrays.hashCode(pixels);
  }

  // Never print a whole image into a log line.
  @Override
  public String toString() {
    return "ImageParams[width="
        + width
        + ", height="
        + height
        + ", pixels="
        + (pixels == null ? "null" : pixels.length + " bytes")
        + "]";
  }
}
