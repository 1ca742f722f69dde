package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.text.Bounded;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Counts the results of one run: one per task id (later copies of a redelivered task are counted as
 * duplicates and otherwise ignored), which worker ran each, how long each took from publish to
 * result, and whether every value is right. Memory is a bit per task plus a fixed-size histogram.
 */
public final class ResultCollector {

  /** One hour: longer latencies are recorded as one hour. */
  private static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  /** Longest failure reason kept; the rest is cut with a marker. */
  static final int MAX_REASON_CHARS = 300;

  /** Distinct failure reasons kept; the others are counted under {@link #OTHER_REASONS}. */
  static final int MAX_DISTINCT_REASONS = 50;

  static final String OTHER_REASONS = "(other reasons)";

  private final String runId;
  private final int tasks;
  private final LongFunction<OptionalLong> expectedValues;
  private final long[] publishNanos;
  private final BitSet done;
  private final Histogram latencyMicros = new Histogram(MAX_LATENCY_MICROS, 3);
  private final Map<String, WorkerTally> workers = new TreeMap<>();
  private final Map<String, Integer> failureReasons = new LinkedHashMap<>();
  private final CountDownLatch allDone;
  private final Map<String, Set<String>> threadsByProcess = new TreeMap<>();
  private int completed;
  private int failed;
  private int duplicates;
  private int foreign;
  private int wrongValues;
  private long computeNanosTotal;
  private long latencyNanosTotal;
  private long lastResultNanos;

  /** Results per worker process. */
  public record WorkerTally(String host, long pid, int tasks) {}

  /**
   * @param publishNanos when each task was first published, by task id, on this JVM's clock
   */
  public ResultCollector(String runId, int tasks, long expectedValue, long[] publishNanos) {
    this(runId, tasks, id -> OptionalLong.of(expectedValue), publishNanos);
  }

  /**
   * @param expectedValues the value each task id must return; empty when it cannot be checked
   * @param publishNanos when each task was first published, by task id, on this JVM's clock
   */
  public ResultCollector(
      String runId, int tasks, LongFunction<OptionalLong> expectedValues, long[] publishNanos) {
    this.runId = runId;
    this.tasks = tasks;
    this.expectedValues = expectedValues;
    this.publishNanos = publishNanos;
    this.done = new BitSet(tasks);
    this.allDone = new CountDownLatch(tasks);
  }

  /**
   * Records a result received at {@code receivedNanos}; returns false for a duplicate or stranger.
   */
  public boolean accept(TaskResult result, long receivedNanos) {
    return accept(result, receivedNanos, 0);
  }

  /**
   * As {@link #accept(TaskResult, long)}, with the time the client took to decode it (kept for
   * callers that record it; the collector counts results only).
   */
  public synchronized boolean accept(TaskResult result, long receivedNanos, long decodeNanos) {
    if (!runId.equals(result.runId()) || result.taskId() < 0 || result.taskId() >= tasks) {
      foreign++;
      return false;
    }
    int id = (int) result.taskId();
    if (done.get(id)) {
      duplicates++;
      return false;
    }
    done.set(id);
    lastResultNanos = receivedNanos;
    // Every string below comes from a message: bounded before it is kept or reported.
    String host = result.worker().boundedHost();
    String process = result.worker().boundedProcess();
    WorkerTally tally = workers.get(process);
    workers.put(
        process,
        new WorkerTally(host, result.worker().pid(), tally == null ? 1 : tally.tasks() + 1));
    if (result.isOk()) {
      completed++;
      OptionalLong expected = expectedValues.apply(id);
      if (expected.isPresent() && result.value() != expected.getAsLong()) {
        wrongValues++;
      }
    } else {
      failed++;
      String reason = Bounded.text(result.error(), MAX_REASON_CHARS);
      if (failureReasons.size() >= MAX_DISTINCT_REASONS && !failureReasons.containsKey(reason)) {
        reason = OTHER_REASONS;
      }
      failureReasons.merge(reason, 1, Integer::sum);
    }
    long latency = Math.max(0, receivedNanos - publishNanos[id]);
    latencyNanosTotal += latency;
    computeNanosTotal += result.timings().computeNanos();
    latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, latency / 1_000));
    threadsByProcess
        .computeIfAbsent(process, p -> new HashSet<>())
        .add(result.worker().boundedThread());
    allDone.countDown();
    return true;
  }

  /** Waits until every task has a result; false on timeout. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return allDone.await(timeout, unit);
  }

  /** Ends a wait early, as when the user presses Ctrl-C. */
  public void abort() {
    while (allDone.getCount() > 0) {
      allDone.countDown();
    }
  }

  public synchronized Snapshot snapshot() {
    int received = completed + failed;
    return new Snapshot(
        tasks,
        completed,
        failed,
        duplicates,
        foreign,
        wrongValues,
        Map.copyOf(failureReasons),
        workers.values().stream().toList(),
        latencyMicros.copy(),
        received == 0 ? 0 : computeNanosTotal / received,
        received == 0 ? 0 : latencyNanosTotal / received,
        lastResultNanos,
        missing(),
        threadsByProcess.values().stream().mapToInt(Set::size).max().orElse(0));
  }

  /** Whether every task has a result. */
  public synchronized boolean isComplete() {
    return completed + failed == tasks;
  }

  public synchronized int received() {
    return completed + failed;
  }

  /** The task ids without a result yet. */
  public synchronized BitSet missing() {
    BitSet missing = new BitSet(tasks);
    missing.set(0, tasks);
    missing.andNot(done);
    return missing;
  }

  /** A consistent copy of the counts, for the report. */
  public record Snapshot(
      int tasks,
      int completed,
      int failed,
      int duplicates,
      int foreign,
      int wrongValues,
      Map<String, Integer> failureReasons,
      List<WorkerTally> workers,
      Histogram latencyMicros,
      long computeNanosMean,
      long latencyNanosMean,
      long lastResultNanos,
      BitSet missing,
      int threadsPerWorker) {}
}
