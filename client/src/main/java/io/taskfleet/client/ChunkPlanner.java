package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskMessage;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.common.text.Numbers;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * Decides how many tasks each message carries. A fixed size is honoured exactly. {@code auto}
 * starts with single tasks, measures, and from then on sizes chunks so that messaging is a small
 * share of a chunk's time, while keeping the end of the run balanced:
 *
 * <ul>
 *   <li>the per-message cost {@code o} is the quickest probe's round trip minus what the worker
 *       spent on it (decode, compute, encode): the broker and both transits, no queueing. A batch
 *       that starts from an earlier one's measurement does not wait for probes, but still sends one
 *       per consumer ahead of its chunks, while the queue is empty, and hands the lowest figure so
 *       far to the next batch: the first probes of a fleet meet cold JVMs (the seed's first batch
 *       measured 36-57 ms per message, warm ones 2.5-7 ms);
 *   <li>the per-task compute {@code c} is the probes' mean compute time;
 *   <li>messaging stays at or below {@link #MESSAGING_SHARE} of a chunk: {@code size >= o (1 -
 *       share) / (share c)}. The share is small because the whole fleet's budget against an
 *       in-process pool is small (15%), and where the broker and the producer share the workers'
 *       cores, their work per message is taken from the compute;
 *   <li>guided, as OpenMP's schedule: no chunk is larger than half an equal share of the tasks not
 *       yet published ({@code remaining / (2 consumers)}), so chunks shrink toward the end and no
 *       worker is left with a big one while the others are idle. Half, not OpenMP's whole share: a
 *       worker holds one message waiting beside the one it computes (its prefetch). A quarter sent
 *       36 messages for the seed's 500 tasks instead of 20, and its rounds took 3% longer.
 *   <li>I/O-bound kinds (every kind of the workload says {@code ioBound()}): a worker runs many of
 *       them at once, so a task's measured time is waiting that overlaps with others, not work that
 *       messaging competes with; the balance rule alone sizes their chunks, and there is nothing to
 *       probe for.
 * </ul>
 *
 * <p>Thread-safe: the publishing thread asks for sizes, the result thread reports measurements.
 */
final class ChunkPlanner {

  /** The share of a chunk's time that messaging may take. */
  static final double MESSAGING_SHARE = 0.02;

  /** Chunks per consumer over what is left: the guided schedule's divisor. */
  static final int CHUNKS_PER_CONSUMER = 2;

  /** The largest body a chunk aims for. */
  static final int MAX_CHUNK_BYTES = 1 << 20;

  /** How long the planner waits for the probes' results before giving up on measuring. */
  static final long PROBE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final ChunkSize setting;
  private final int consumers;
  private final int probes;
  private int published;
  private int measured;
  private long quickestOverheadNanos = Long.MAX_VALUE;
  private long sizingOverheadNanos;
  private final BitSet singles = new BitSet();
  private long computeNanosTotal;
  private int bodyBytesPerTask = 1;
  private int overheadSize = -1;
  private int largest;
  private int messages;
  private boolean probesTimedOut;
  private final boolean ioBound;
  private final boolean fromEarlierBatch;
  private long batchComputeNanos;
  private long batchResults;

  /**
   * @param consumers consumers on the task queue when the run starts (one per worker process)
   */
  ChunkPlanner(ChunkSize setting, int consumers) {
    this(setting, consumers, false);
  }

  /**
   * @param ioBound whether every task of the run is of an I/O-bound kind
   */
  ChunkPlanner(ChunkSize setting, int consumers, boolean ioBound) {
    this(setting, consumers, ioBound, null);
  }

  /**
   * @param earlier what an earlier batch of the same work measured on this fleet: sized from it at
   *     once, without waiting for the probes; null to probe first
   */
  ChunkPlanner(ChunkSize setting, int consumers, boolean ioBound, ChunkMeasurement earlier) {
    this.ioBound = ioBound;
    this.setting = setting;
    this.consumers = Math.max(1, consumers);
    this.fromEarlierBatch = earlier != null && setting instanceof ChunkSize.Auto && !ioBound;
    this.probes = ioBound ? 0 : fromEarlierBatch ? this.consumers : 2 * this.consumers;
    if (ioBound && setting instanceof ChunkSize.Auto) {
      overheadSize = overheadSize();
    } else if (fromEarlierBatch) {
      quickestOverheadNanos = earlier.overheadNanos();
      computeNanosTotal = earlier.computeNanosPerTask();
      measured = 1;
      overheadSize = overheadSize();
    }
  }

  /** What this batch measured, or started from; empty for fixed sizes or before a measurement. */
  synchronized java.util.Optional<ChunkMeasurement> measurement() {
    if (!(setting instanceof ChunkSize.Auto) || ioBound || measured == 0) {
      return java.util.Optional.empty();
    }
    long compute =
        batchResults > 0 ? batchComputeNanos / batchResults : computeNanosTotal / measured;
    return java.util.Optional.of(new ChunkMeasurement(quickestOverhead(), compute));
  }

  /** A rough body size per task, to keep a chunk's body under {@link #MAX_CHUNK_BYTES}. */
  synchronized void bodyBytesPerTask(int bytes) {
    bodyBytesPerTask = Math.max(1, bytes);
  }

  /**
   * The size of the next message, given the tasks not yet published. For {@code auto}, blocks after
   * the probes until enough of their results are measured (or a timeout passes).
   */
  synchronized int next(int remaining) throws InterruptedException {
    int size;
    if (setting instanceof ChunkSize.Fixed fixed) {
      size = Math.min(fixed.tasks(), remaining);
    } else if (published < probes) {
      size = 1;
    } else {
      awaitMeasurements();
      size = guided(remaining);
    }
    if (size == 1 && setting instanceof ChunkSize.Auto) {
      singles.set(published);
    }
    published += size;
    messages++;
    largest = Math.max(largest, size);
    return size;
  }

  private void awaitMeasurements() throws InterruptedException {
    long deadline = System.nanoTime() + PROBE_WAIT_NANOS;
    while (overheadSize < 0 && measured < Math.max(1, probes / 2) && !probesTimedOut) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        probesTimedOut = true;
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (overheadSize < 0) {
      overheadSize = overheadSize();
    }
  }

  private int overheadSize() {
    if (ioBound) {
      return TaskMessage.MAX_CHUNK_TASKS;
    }
    if (measured == 0) {
      return 1;
    }
    sizingOverheadNanos = quickestOverhead();
    double compute = Math.max(1, computeNanosTotal / (double) measured);
    double size = sizingOverheadNanos * (1 - MESSAGING_SHARE) / (MESSAGING_SHARE * compute);
    return (int) Math.max(1, Math.min(TaskMessage.MAX_CHUNK_TASKS, Math.ceil(size)));
  }

  /** The quickest single task's overhead so far; 0 before one came back. */
  private long quickestOverhead() {
    return quickestOverheadNanos == Long.MAX_VALUE ? 0 : quickestOverheadNanos;
  }

  private int guided(int remaining) {
    int balanced = (int) Math.ceil(remaining / (double) (CHUNKS_PER_CONSUMER * consumers));
    int byBytes = Math.max(1, MAX_CHUNK_BYTES / bodyBytesPerTask);
    return Math.max(1, Math.min(remaining, Math.min(overheadSize, Math.min(balanced, byBytes))));
  }

  /**
   * A result came back: measure it while the probes are out; afterwards keep the compute per task
   * current and let any task that travelled alone lower the per-message cost, for the next batch.
   */
  synchronized void measured(TaskResult result, long roundTripNanos) {
    if (!(setting instanceof ChunkSize.Auto) || ioBound) {
      return;
    }
    WorkerTimings w = result.timings();
    boolean alone = result.taskId() < published && singles.get((int) result.taskId());
    if (alone) {
      long onWorker = w.decodeNanos() + w.computeNanos() + w.encodeNanos();
      quickestOverheadNanos =
          Math.min(quickestOverheadNanos, Math.max(0, roundTripNanos - onWorker));
    }
    if (fromEarlierBatch || overheadSize >= 0) {
      batchComputeNanos += w.computeNanos();
      batchResults++;
    } else if (alone) {
      computeNanosTotal += w.computeNanos();
      measured++;
      notifyAll();
    }
  }

  synchronized int messages() {
    return messages;
  }

  /** One line for the report: the size chosen and why. */
  synchronized String explain() {
    if (setting instanceof ChunkSize.Fixed fixed) {
      return "chunk " + fixed.tasks() + " (fixed by --chunk): " + messages + " message(s)";
    }
    if (overheadSize < 0) {
      return "chunk auto: 1 (the run ended while measuring): " + messages + " message(s)";
    }
    String why =
        ioBound
            ? "I/O-bound tasks overlap on the workers, so the balance rule alone sizes chunks"
            : measured == 0
                ? "no result within "
                    + TimeUnit.NANOSECONDS.toSeconds(PROBE_WAIT_NANOS)
                    + " s to measure"
                : String.format(
                    "measured %s ms messaging per message vs %s ms compute per task, so %d task(s)"
                        + " keep messaging <= %.0f%%",
                    Numbers.fixed(sizingOverheadNanos / 1e6, 3),
                    Numbers.fixed(computeNanosTotal / (double) measured / 1e6, 3),
                    overheadSize,
                    MESSAGING_SHARE * 100);
    return "chunk auto: up to "
        + largest
        + " task(s) per message, shrinking toward the end; "
        + why
        + "; at most 1/"
        + (CHUNKS_PER_CONSUMER * consumers)
        + " of the tasks left ("
        + consumers
        + " consumer(s)); "
        + (ioBound
            ? ""
            : fromEarlierBatch
                ? "measured by an earlier batch, kept current by "
                    + probes
                    + " single-task probe(s) not waited for; "
                : probes + " single-task probes first; ")
        + messages
        + " message(s)";
  }
}
