package io.taskfleet.producer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** CPU time of processes on this machine: this JVM's, and a local broker's from /proc. */
final class ProcessCpu {

  /** Linux's USER_HZ, the unit of /proc/PID/stat's times, on every architecture Java runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {}

  /** This JVM's CPU time, all threads, user and system; 0 where the JVM cannot tell. */
  static long self() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /**
   * The RabbitMQ processes (Erlang's {@code beam.smp} running {@code rabbit}) this machine shows;
   * empty when there is no /proc or none.
   */
  static List<Long> localBrokers() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(proc)) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(ProcessCpu::isRabbit)
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static boolean isRabbit(Path dir) {
    try {
      if (!Files.readString(dir.resolve("comm")).strip().equals("beam.smp")) {
        return false;
      }
      String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline"))).replace('\0', ' ');
      return cmdline.contains("rabbit");
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not ours to read
    }
  }

  /** The CPU time of process {@code pid} from /proc/PID/stat; empty when it cannot be read. */
  static OptionalLong of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name, in parentheses, may hold spaces: count fields after its last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return OptionalLong.of((utime + stime) * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
