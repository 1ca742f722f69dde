package io.taskfleet.common.compute;

/** The seed's CPU-bound loop: {@code result += i} for i in 0..iterations-1. */
public final class CpuLoop {

  private CpuLoop() {}

  /**
   * Adds up 0..iterations-1 one number at a time, as the seed did. The sum is returned (not the
   * PID, as in the seed) so the JIT cannot drop the loop and the caller can check it.
   */
  public static long sum(long iterations) {
    long result = 0;
    for (long i = 0; i < iterations; i++) {
      result += i;
    }
    return result;
  }
}
