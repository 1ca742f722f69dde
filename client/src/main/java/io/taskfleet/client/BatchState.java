package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskResult;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One batch's results, whichever client runs it: counted once per task id by a {@link
 * ResultCollector}, passed to the listener, and kept for the iterators unless told otherwise.
 */
final class BatchState implements Batch, ResultSink {

  /** How often a blocked iterator looks whether the batch ended without its result. */
  private static final long POLL_MILLIS = 100;

  private final String runId;
  private final int size;
  private final long[] sentNanos;
  private final ResultCollector collector;
  private final BatchListener listener;
  private final AtomicReferenceArray<TaskResult> byId;
  private final BlockingQueue<TaskResult> arrived;
  private final Object arrivals = new Object();
  private volatile long createdNanos;
  private volatile TaskClientException failure;
  private volatile Supplier<BatchTransport> transport = () -> BatchTransport.IN_PROCESS;
  private volatile Runnable onCancel = () -> {};

  BatchState(
      String runId, int size, MapOptions options, LongFunction<OptionalLong> expectedValues) {
    this.runId = runId;
    this.size = size;
    this.sentNanos = new long[size];
    this.collector = new ResultCollector(runId, size, expectedValues, sentNanos);
    this.listener = options.listener();
    this.byId = options.keepResults() ? new AtomicReferenceArray<>(size) : null;
    this.arrived = options.keepResults() ? new LinkedBlockingQueue<>() : null;
  }

  /** When each task was first sent, by task id: written by whoever sends them. */
  long[] sentNanos() {
    return sentNanos;
  }

  BatchListener listener() {
    return listener;
  }

  void transport(Supplier<BatchTransport> figures) {
    this.transport = figures;
  }

  void onCancel(Runnable action) {
    this.onCancel = action;
  }

  /** Marks the start and tells the listener; call before sending the first task. */
  void started() {
    createdNanos = System.nanoTime();
    listener.started(this);
  }

  @Override
  public boolean accept(TaskResult result, long receivedNanos, long decodeNanos) {
    if (!collector.accept(result, receivedNanos, decodeNanos)) {
      return false;
    }
    int id = (int) result.taskId();
    if (byId != null) {
      byId.set(id, result);
      arrived.add(result);
      synchronized (arrivals) {
        arrivals.notifyAll();
      }
    }
    listener.result(
        result,
        new BatchListener.Arrival(
            collector.received(), Math.max(0, receivedNanos - sentNanos[id]), decodeNanos));
    return true;
  }

  @Override
  public BitSet missing() {
    return collector.missing();
  }

  @Override
  public void end(TaskClientException reason) {
    synchronized (arrivals) {
      if (failure != null || collector.isComplete()) {
        return;
      }
      failure = reason;
      arrivals.notifyAll();
    }
    collector.abort();
  }

  /** Whether the batch ended without every result. */
  boolean isEnded() {
    return failure != null;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int received() {
    return collector.received();
  }

  @Override
  public boolean isComplete() {
    return collector.isComplete();
  }

  @Override
  public boolean await(Duration timeout) throws InterruptedException {
    return collector.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && collector.isComplete();
  }

  @Override
  public Stream<TaskResult> inOrder() {
    requireKept();
    return IntStream.range(0, size).mapToObj(this::resultOf);
  }

  @Override
  public Stream<TaskResult> asCompleted() {
    requireKept();
    return Stream.generate(this::nextArrived).limit(size);
  }

  private void requireKept() {
    if (byId == null) {
      throw new IllegalStateException(
          "batch " + runId + " keeps no results (MapOptions.discardingResults)");
    }
  }

  private TaskResult resultOf(int id) {
    try {
      while (true) {
        TaskResult result = byId.get(id);
        if (result != null) {
          return result;
        }
        TaskClientException why = failure;
        if (why != null) {
          throw noResult("task " + id, why);
        }
        synchronized (arrivals) {
          if (byId.get(id) == null && failure == null) {
            arrivals.wait(POLL_MILLIS);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskClientException("interrupted waiting for task " + id + " of " + runId, e);
    }
  }

  private TaskResult nextArrived() {
    try {
      while (true) {
        TaskResult result = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (result != null) {
          return result;
        }
        TaskClientException why = failure;
        if (why != null && arrived.isEmpty()) {
          throw noResult(collector.missing().cardinality() + " task(s)", why);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskClientException("interrupted waiting for results of " + runId, e);
    }
  }

  private TaskClientException noResult(String what, TaskClientException why) {
    return new TaskClientException(
        what + " of " + runId + " got no result: " + why.getMessage(), why);
  }

  @Override
  public void cancel() {
    end(new TaskClientException("batch " + runId + " was cancelled"));
    onCancel.run();
  }

  @Override
  public Optional<TaskClientException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public ResultCollector.Snapshot snapshot() {
    return collector.snapshot();
  }

  @Override
  public long startNanos() {
    return size > 0 && sentNanos[0] != 0 ? sentNanos[0] : createdNanos;
  }

  @Override
  public BatchTransport transport() {
    return transport.get();
  }
}
