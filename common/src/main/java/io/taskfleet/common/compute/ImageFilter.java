package io.taskfleet.common.compute;

/**
 * The seed's numpy idea in plain Java: an RGB image to grayscale, normalised to the full 0..255
 * range, blurred with a 3×3 box, reduced to one checksum. Integer arithmetic only, so every JVM on
 * every host gets the same checksum.
 */
public final class ImageFilter {

  private ImageFilter() {}

  /** Grayscale, normalise, blur, checksum: what an {@code image} task returns. */
  public static long checksum(int width, int height, byte[] rgb) {
    int[] gray = grayscale(width, height, rgb);
    normalise(gray);
    return checksum(boxBlur(width, height, gray));
  }

  /** ITU-R BT.601 luma in fixed point: (77 R + 150 G + 29 B) / 256, each 0..255. */
  public static int[] grayscale(int width, int height, byte[] rgb) {
    int[] gray = new int[width * height];
    for (int i = 0, p = 0; i < gray.length; i++, p += 3) {
      int r = rgb[p] & 0xFF;
      int g = rgb[p + 1] & 0xFF;
      int b = rgb[p + 2] & 0xFF;
      gray[i] = (77 * r + 150 * g + 29 * b) >> 8;
    }
    return gray;
  }

  /** Stretches the values in place so the darkest becomes 0 and the brightest 255; flat stays 0. */
  public static void normalise(int[] gray) {
    int min = 255;
    int max = 0;
    for (int v : gray) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int range = max - min;
    for (int i = 0; i < gray.length; i++) {
      gray[i] = range == 0 ? 0 : (gray[i] - min) * 255 / range;
    }
  }

  /** The mean of each pixel's 3×3 neighbourhood, the border repeated outwards, rounded down. */
  public static int[] boxBlur(int width, int height, int[] gray) {
    int[] out = new int[gray.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
          int row = clamp(y + dy, height) * width;
          for (int dx = -1; dx <= 1; dx++) {
            sum += gray[row + clamp(x + dx, width)];
          }
        }
        out[y * width + x] = sum / 9;
      }
    }
    return out;
  }

  /** A position-sensitive checksum: h = 31 h + v over the pixels in order. */
  public static long checksum(int[] values) {
    long h = 1;
    for (int v : values) {
      h = 31 * h + v;
    }
    return h;
  }

  private static int clamp(int i, int size) {
    return i < 0 ? 0 : i >= size ? size - 1 : i;
  }
}
