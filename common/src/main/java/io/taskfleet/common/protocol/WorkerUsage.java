package io.taskfleet.common.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a worker has spent its time since it started: its process's CPU time and, per thread, the
 * wall time spent computing, (de)serializing and messaging (the rest of a thread's time is idle).
 * Every counter only grows, so a reader takes the difference between two snapshots; the worker
 * sends one in the headers of every result message, which works for workers on any host.
 *
 * @param cpuNanos the worker process's CPU time (all threads, user and system)
 * @param uptimeNanos wall time since the worker started
 * @param jitNanos time its JIT compilers have spent compiling ({@link
 *     io.taskfleet.common.time.JitClock}); 0 from workers that do not say
 * @param threads one entry per thread that did any of the work, at most {@link #MAX_THREADS}
 */
public record WorkerUsage(
    long cpuNanos, long uptimeNanos, long jitNanos, List<ThreadUsage> threads) {

  /** The header with the process's CPU time, a long. */
  public static final String CPU_HEADER = "x-taskfleet-cpu-ns";

  /** The header with the worker's uptime, a long. */
  public static final String UPTIME_HEADER = "x-taskfleet-uptime-ns";

  /** The header with the JIT's compile time, a long; optional (older workers do not send it). */
  public static final String JIT_HEADER = "x-taskfleet-jit-ns";

  /** The header with the threads: a table of thread name to a table of three longs. */
  public static final String THREADS_HEADER = "x-taskfleet-threads";

  /** Threads kept in one snapshot; a reader ignores a snapshot with more. */
  public static final int MAX_THREADS = 256;

  /** Longest thread name kept. */
  public static final int MAX_THREAD_NAME = 100;

  private static final String COMPUTE = "compute";
  private static final String CODEC = "codec";
  private static final String MESSAGING = "messaging";

  /**
   * One thread's busy time, cumulative.
   *
   * @param thread its name
   * @param computeNanos running tasks
   * @param codecNanos decoding tasks and encoding results
   * @param messagingNanos talking to the broker: publishing, acking, handling confirms
   */
  public record ThreadUsage(
      String thread, long computeNanos, long codecNanos, long messagingNanos) {

    public ThreadUsage {
      if (thread == null || thread.isBlank() || thread.length() > MAX_THREAD_NAME) {
        throw new InvalidMessageException(
            "a thread's name must be 1.." + MAX_THREAD_NAME + " chars");
      }
      if (computeNanos < 0 || codecNanos < 0 || messagingNanos < 0) {
        throw new InvalidMessageException("a thread's usage must not be negative");
      }
    }

    public long busyNanos() {
      return computeNanos + codecNanos + messagingNanos;
    }
  }

  public WorkerUsage {
    if (cpuNanos < 0 || uptimeNanos < 0 || jitNanos < 0) {
      throw new InvalidMessageException("usage must not be negative");
    }
    threads = threads.stream().sorted(java.util.Comparator.comparing(ThreadUsage::thread)).toList();
    if (threads.size() > MAX_THREADS) {
      throw new InvalidMessageException("usage has more than " + MAX_THREADS + " threads");
    }
  }

  /** The headers that carry this snapshot, to add to a result message's own. */
  public Map<String, Object> toHeaders() {
    Map<String, Object> byThread = new HashMap<>();
    for (ThreadUsage t : threads) {
      Map<String, Object> times = new HashMap<>();
      times.put(COMPUTE, t.computeNanos());
      times.put(CODEC, t.codecNanos());
      times.put(MESSAGING, t.messagingNanos());
      byThread.put(t.thread(), times);
    }
    Map<String, Object> headers = new HashMap<>();
    headers.put(CPU_HEADER, cpuNanos);
    headers.put(UPTIME_HEADER, uptimeNanos);
    headers.put(JIT_HEADER, jitNanos);
    headers.put(THREADS_HEADER, byThread);
    return headers;
  }

  /**
   * The snapshot in a message's headers; empty when there is none or when it is malformed (any
   * client may publish results, so a bad snapshot is ignored, never trusted or thrown).
   */
  public static Optional<WorkerUsage> fromHeaders(Map<String, Object> headers) {
    if (headers == null
        || !(headers.get(CPU_HEADER) instanceof Number cpu)
        || !(headers.get(UPTIME_HEADER) instanceof Number uptime)
        || !(headers.get(THREADS_HEADER) instanceof Map<?, ?> byThread)
        || byThread.size() > MAX_THREADS) {
      return Optional.empty();
    }
    Object jit = headers.get(JIT_HEADER);
    if (jit != null && !(jit instanceof Number)) {
      return Optional.empty();
    }
    try {
      List<ThreadUsage> threads = new ArrayList<>(byThread.size());
      for (Map.Entry<?, ?> e : byThread.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> times)
            || !(times.get(COMPUTE) instanceof Number compute)
            || !(times.get(CODEC) instanceof Number codec)
            || !(times.get(MESSAGING) instanceof Number messaging)) {
          return Optional.empty();
        }
        threads.add(
            new ThreadUsage(
                String.valueOf(e.getKey()),
                compute.longValue(),
                codec.longValue(),
                messaging.longValue()));
      }
      long jitNanos = jit == null ? 0 : ((Number) jit).longValue();
      return Optional.of(new WorkerUsage(cpu.longValue(), uptime.longValue(), jitNanos, threads));
    } catch (InvalidMessageException e) {
      return Optional.empty();
    }
  }
}
