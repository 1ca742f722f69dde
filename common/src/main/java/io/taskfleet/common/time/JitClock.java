package io.taskfleet.common.time;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time this JVM's JIT compiler threads have used since it started. A run whose JVMs are
 * still compiling is not warm yet: on a small machine the compiler threads take cores from the
 * tasks (C2 used a third of a core in the producer of a 60-round tiny-task run, rounds 16 to 35),
 * so a report that leads with speed says how much of it went to compiling.
 *
 * <p>Read from Linux's {@code /proc/self/task}: the compiler threads are hidden from Java's own
 * thread beans, and {@code CompilationMXBean}'s figure is the compilations' elapsed time, counted
 * when each ends (a C2 compilation stretched over three descheduled seconds counts three seconds in
 * the round it ends in). 0 where there is no {@code /proc}.
 */
public final class JitClock {

  private static final Path TASKS = Path.of("/proc/self/task");

  /** The most each compiler thread was seen to have used: a thread that ends keeps its share. */
  private static final Map<String, Long> nanosByCompiler = new HashMap<>();

  /** The stat file of each compiler thread alive at the last listing. */
  private static final Map<String, Path> compilerStats = new HashMap<>();

  /** Threads seen not to be compilers, not read again (a compiler's name never changes). */
  private static final Set<String> others = new HashSet<>();

  /**
   * How often the threads are listed again, for compiler threads the JVM adds as its queue grows: a
   * listing reads every thread's name once and costs a few hundred microseconds, reading the known
   * compilers' times a few tens.
   */
  private static final long RELIST_NANOS = 1_000_000_000L;

  private static long listedAtNanos;
  private static boolean listed;

  private JitClock() {}

  /** Cumulative CPU time of the JIT compiler threads, in nanoseconds (10 ms resolution). */
  public static synchronized long compiledNanos() {
    long now = System.nanoTime();
    if (!listed || now - listedAtNanos >= RELIST_NANOS) {
      listed = true;
      listedAtNanos = now;
      list();
    }
    for (var it = compilerStats.entrySet().iterator(); it.hasNext(); ) {
      var compiler = it.next();
      try {
        nanosByCompiler.merge(
            compiler.getKey(), ProcStat.cpuNanos(Files.readString(compiler.getValue())), Math::max);
      } catch (IOException | RuntimeException e) {
        it.remove(); // it ended: what it used stays in nanosByCompiler
      }
    }
    long total = 0;
    for (long nanos : nanosByCompiler.values()) {
      total += nanos;
    }
    return total;
  }

  private static void list() {
    if (!Files.isDirectory(TASKS)) {
      return;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String tid = task.getFileName().toString();
        if (others.contains(tid) || compilerStats.containsKey(tid)) {
          continue;
        }
        if (isCompiler(Files.readString(task.resolve("comm")))) {
          compilerStats.put(tid, task.resolve("stat"));
        } else {
          others.add(tid);
        }
      }
    } catch (IOException | RuntimeException e) {
      // A thread that ended while being listed: the next listing finds the rest.
    }
  }

  /** HotSpot names them {@code C1 CompilerThread0}, {@code C2 CompilerThread1}, ... (cut at 15). */
  static boolean isCompiler(String comm) {
    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
  }
}
