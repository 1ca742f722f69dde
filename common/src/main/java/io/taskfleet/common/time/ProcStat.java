package io.taskfleet.common.time;

/** Reads Linux's {@code /proc/PID/stat} and {@code /proc/PID/task/TID/stat} lines. */
public final class ProcStat {

  /** Linux's USER_HZ, the unit of /proc's times, on every architecture Java runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcStat() {}

  /**
   * User plus system CPU time from a stat line, in nanoseconds (10 ms resolution). The command
   * name, in parentheses, may hold spaces: fields are counted after its last ')'.
   */
  public static long cpuNanos(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
  }
}
