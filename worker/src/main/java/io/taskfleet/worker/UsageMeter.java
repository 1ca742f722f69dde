package io.taskfleet.worker;

import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.common.protocol.WorkerUsage.ThreadUsage;
import io.taskfleet.common.time.CpuClock;
import io.taskfleet.common.time.JitClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A worker's cumulative usage: its process's CPU time and, per thread, the time spent computing,
 * (de)serializing and messaging. Each thread adds to the counters of its entry (an uncontended
 * atomic add); {@link #snapshot()} reads them all from any thread.
 *
 * <p>Threads of a wide pool can share one entry (see {@link #UsageMeter(UnaryOperator)}): every
 * result message carries the whole snapshot, and a hundred I/O threads, one entry each, would make
 * that header kilobytes long. A shared entry's busy time is the sum over its threads, so it can
 * exceed the wall time.
 */
final class UsageMeter {

  private final long startNanos;
  private final LongSupplier clock;
  private final LongSupplier processCpuNanos;
  private final UnaryOperator<String> entryOf;
  private final ConcurrentMap<String, Counters> byThread = new ConcurrentHashMap<>();
  private final ThreadLocal<Counters> mine = ThreadLocal.withInitial(this::register);

  UsageMeter() {
    this(UnaryOperator.identity());
  }

  /**
   * @param entryOf the entry a thread's name counts under: the name itself for one entry per
   *     thread, or a pool's name for threads that share one
   */
  UsageMeter(UnaryOperator<String> entryOf) {
    this(System::nanoTime, CpuClock.process(), entryOf);
  }

  /** A meter with its own clocks, for tests. */
  UsageMeter(LongSupplier clock, LongSupplier processCpuNanos) {
    this(clock, processCpuNanos, UnaryOperator.identity());
  }

  UsageMeter(LongSupplier clock, LongSupplier processCpuNanos, UnaryOperator<String> entryOf) {
    this.entryOf = entryOf;
    this.clock = clock;
    this.processCpuNanos = processCpuNanos;
    this.startNanos = clock.getAsLong();
  }

  /** The counters of one entry: one thread's, or a pool's shared by its threads. */
  static final class Counters {
    private final AtomicLong compute = new AtomicLong();
    private final AtomicLong codec = new AtomicLong();
    private final AtomicLong messaging = new AtomicLong();

    void compute(long nanos) {
      compute.addAndGet(Math.max(0, nanos));
    }

    void codec(long nanos) {
      codec.addAndGet(Math.max(0, nanos));
    }

    void messaging(long nanos) {
      messaging.addAndGet(Math.max(0, nanos));
    }

    long codecNanos() {
      return codec.get();
    }
  }

  /** The calling thread's counters, registered under its name on first use. */
  Counters current() {
    return mine.get();
  }

  private Counters register() {
    String name = entryOf.apply(Thread.currentThread().getName());
    if (name == null || name.isBlank()) {
      name = "thread-" + Thread.currentThread().getId();
    }
    if (name.length() > WorkerUsage.MAX_THREAD_NAME) {
      name = name.substring(0, WorkerUsage.MAX_THREAD_NAME);
    }
    return byThread.computeIfAbsent(name, n -> new Counters());
  }

  /**
   * Every counter now, with the process's CPU time, the JIT's compile time and the time since the
   * meter was made.
   */
  WorkerUsage snapshot() {
    List<ThreadUsage> threads = new ArrayList<>(byThread.size());
    for (var e : byThread.entrySet()) {
      if (threads.size() == WorkerUsage.MAX_THREADS) {
        break;
      }
      Counters c = e.getValue();
      threads.add(new ThreadUsage(e.getKey(), c.compute.get(), c.codec.get(), c.messaging.get()));
    }
    long cpu = Math.max(0, processCpuNanos.getAsLong());
    return new WorkerUsage(
        cpu, Math.max(0, clock.getAsLong() - startNanos), JitClock.compiledNanos(), threads);
  }
}
