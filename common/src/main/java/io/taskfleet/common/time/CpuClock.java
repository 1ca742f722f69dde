package io.taskfleet.common.time;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;

/** This JVM's CPU time, for the figures that say what a run cost. */
public final class CpuClock {

  private CpuClock() {}

  /**
   * The process's CPU time in nanoseconds (all threads, user and system) from the JVM's
   * operating-system bean; where that bean has no such figure, the sum over live threads (threads
   * that ended are lost); 0 where neither is available.
   */
  public static LongSupplier process() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun
        && sun.getProcessCpuTime() >= 0) {
      return sun::getProcessCpuTime;
    }
    var threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported()) {
      return () -> 0;
    }
    return () -> {
      long sum = 0;
      for (long id : threads.getAllThreadIds()) {
        sum += Math.max(0, threads.getThreadCpuTime(id));
      }
      return sum;
    };
  }
}
