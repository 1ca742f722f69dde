package io.taskfleet.worker;

import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.common.protocol.WorkerUsage.ThreadUsage;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A worker's cumulative usage: its process's CPU time and, per thread, the time spent computing,
 * (de)serializing and messaging. Each thread adds to counters of its own (one writer each, so an
 * addition is a plain read and an ordered write, no contended atomic); {@link #snapshot()} reads
 * them all from any thread.
 */
final class UsageMeter {

  private final long startNanos;
  private final LongSupplier clock;
  private final LongSupplier processCpuNanos;
  private final ConcurrentMap<String, Counters> byThread = new ConcurrentHashMap<>();
  private final ThreadLocal<Counters> mine = ThreadLocal.withInitial(this::register);

  UsageMeter() {
    this(System::nanoTime, processCpuClock());
  }

  /** A meter with its own clocks, for tests. */
  UsageMeter(LongSupplier clock, LongSupplier processCpuNanos) {
    this.clock = clock;
    this.processCpuNanos = processCpuNanos;
    this.startNanos = clock.getAsLong();
  }

  /**
   * One thread's counters. Only that thread adds to them; the volatile fields let any thread read a
   * recent value.
   */
  static final class Counters {
    private volatile long compute;
    private volatile long codec;
    private volatile long messaging;

    void compute(long nanos) {
      compute = compute + Math.max(0, nanos);
    }

    void codec(long nanos) {
      codec = codec + Math.max(0, nanos);
    }

    void messaging(long nanos) {
      messaging = messaging + Math.max(0, nanos);
    }

    long codecNanos() {
      return codec;
    }
  }

  /** The calling thread's counters, registered under its name on first use. */
  Counters current() {
    return mine.get();
  }

  private Counters register() {
    String name = Thread.currentThread().getName();
    if (name.isBlank()) {
      name = "thread-" + Thread.currentThread().getId();
    }
    if (name.length() > WorkerUsage.MAX_THREAD_NAME) {
      name = name.substring(0, WorkerUsage.MAX_THREAD_NAME);
    }
    return byThread.computeIfAbsent(name, n -> new Counters());
  }

  /** Every counter now, with the process's CPU time and the time since the meter was made. */
  WorkerUsage snapshot() {
    List<ThreadUsage> threads = new ArrayList<>(byThread.size());
    for (var e : byThread.entrySet()) {
      if (threads.size() == WorkerUsage.MAX_THREADS) {
        break;
      }
      Counters c = e.getValue();
      threads.add(new ThreadUsage(e.getKey(), c.compute, c.codec, c.messaging));
    }
    long cpu = Math.max(0, processCpuNanos.getAsLong());
    return new WorkerUsage(cpu, Math.max(0, clock.getAsLong() - startNanos), threads);
  }

  /**
   * The process's CPU time (all threads, user and system) from the JVM's operating-system bean;
   * where that bean has no such figure, the sum over live threads (threads that ended are lost).
   */
  static LongSupplier processCpuClock() {
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
