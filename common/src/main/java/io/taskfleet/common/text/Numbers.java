package io.taskfleet.common.text;

import java.util.BitSet;
import java.util.Locale;

/** Number formatting for reports, in one place so every figure reads the same way. */
public final class Numbers {

  private Numbers() {}

  /** {@code 4000000} → {@code 4,000,000}. */
  public static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A figure with the given decimals and thousands separators. */
  public static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** Nanoseconds as milliseconds with three decimals. */
  public static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** Rounds to a given number of decimals, for JSON figures people read. */
  public static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /** Set bits as ranges, at most {@code limit} of them: {@code 3-7, 12, 40-41, ...}. */
  public static String ranges(BitSet bits, int limit) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int start = bits.nextSetBit(0); start >= 0; ) {
      int end = bits.nextClearBit(start) - 1;
      if (shown == limit) {
        out.append(", ...");
        break;
      }
      if (shown > 0) {
        out.append(", ");
      }
      out.append(start == end ? Integer.toString(start) : start + "-" + end);
      shown++;
      start = bits.nextSetBit(end + 1);
    }
    return out.toString();
  }
}
