package io.taskfleet.common.compute;

import java.util.SplittableRandom;

/**
 * Deterministic pseudo-random RGB images: the same seed gives the same pixels on every JVM, so the
 * producer can compute each image task's checksum without keeping the image.
 */
public final class RandomImages {

  private RandomImages() {}

  /** {@code width × height × 3} bytes, RGB row by row, drawn from {@code seed}. */
  public static byte[] rgb(long seed, int width, int height) {
    byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
    SplittableRandom random = new SplittableRandom(seed);
    int i = 0;
    for (; i + 8 <= pixels.length; i += 8) {
      long bits = random.nextLong();
      for (int b = 0; b < 8; b++) {
        pixels[i + b] = (byte) (bits >>> (8 * b));
      }
    }
    long bits = random.nextLong();
    for (int b = 0; i < pixels.length; i++, b++) {
      pixels[i] = (byte) (bits >>> (8 * b));
    }
    return pixels;
  }
}
