package io.taskfleet.common.compute;

/** The seed's CPU-bound loop: {@code result += i} for i in 0..iterations-1. */
public final class CpuLoop {

  /** The longest inner loop: an int-counted loop, whatever the iterations. */
  private static final int STRIP = 1 << 30;

  private CpuLoop() {}

  /**
   * Adds up 0..iterations-1 one number at a time, as the seed did. The sum is returned (not the
   * PID, as in the seed) so the JIT cannot drop the loop and the caller can check it.
   *
   * <p>The numbers are added in strips of int-counted loops. A single loop over a {@code long}
   * counter ran at 1.45 ms per 4,000,000 on its own, but after the one-thread mode had compiled it,
   * C2 recompiled it inlined into the in-process pool's caller into code that ran at 3.6 ms:
   * threads mode measured at half speed from about its fifth round on, and every fleet/threads
   * ratio with it ({@code -XX:CompileCommand=dontinline} on this method kept it at full speed). An
   * int-counted inner loop is the shape C2 compiles best wherever it is inlined.
   */
  public static long sum(long iterations) {
    long result = 0;
    for (long start = 0; start < iterations; start += STRIP) {
      int strip = (int) Math.min(STRIP, iterations - start);
      for (int j = 0; j < strip; j++) {
        result += start + j;
      }
    }
    return result;
  }
}
