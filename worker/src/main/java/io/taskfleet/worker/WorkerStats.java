package io.taskfleet.worker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** Counters of one worker process, updated by its loop and read by metrics and health. */
public final class WorkerStats {

  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder redelivered = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder orphaned = new LongAdder();
  private final LongAdder contained = new LongAdder();
  private final LongAdder splits = new LongAdder();
  private final LongAdder rejectedInChunk = new LongAdder();
  private final LongAdder publishFailed = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongConsumer computeTimes;

  public WorkerStats() {
    this(nanos -> {});
  }

  /**
   * @param computeTimes told the compute time, in nanoseconds, of every task that was computed
   *     (completed or failed), e.g. to feed a metrics timer
   */
  public WorkerStats(LongConsumer computeTimes) {
    this.computeTimes = computeTimes;
  }

  /** Tasks go to the compute threads. */
  void started(int tasks, boolean redelivery) {
    inFlight.addAndGet(tasks);
    if (redelivery) {
      redelivered.add(tasks);
    }
  }

  /** A task was computed (completed or failed), or a single-task message was dead-lettered. */
  void finished(Outcome outcome) {
    inFlight.decrementAndGet();
    switch (outcome.kind()) {
      case COMPLETED -> completed.increment();
      case FAILED -> failed.increment();
      case DEAD_LETTERED -> deadLettered.increment();
    }
    if (outcome.kind() != Outcome.Kind.DEAD_LETTERED) {
      computeTimes.accept(outcome.computeNanos());
    }
  }

  /** A message went to the dead-letter queue. */
  void deadLetteredMessage() {
    deadLettered.increment();
  }

  /** Tasks acked without computing: their reply queue is gone. */
  void skipped(int tasks) {
    skipped.add(tasks);
  }

  /** Results that reached no queue: their producer is gone. */
  void orphaned(int results) {
    orphaned.add(results);
  }

  /** An unexpected exception or error handling a message, contained. */
  void containedError() {
    contained.increment();
  }

  /** A redelivered chunk published again in two halves. */
  void split() {
    splits.increment();
  }

  /** A task of a chunk that could not be valid, answered with a failed result. */
  void rejectedInChunk() {
    rejectedInChunk.increment();
    failed.increment();
  }

  /** A publish the broker refused several times. */
  void publishFailed() {
    publishFailed.increment();
  }

  public long completed() {
    return completed.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public long deadLettered() {
    return deadLettered.sum();
  }

  public long redelivered() {
    return redelivered.sum();
  }

  public long skipped() {
    return skipped.sum();
  }

  public long orphaned() {
    return orphaned.sum();
  }

  public long contained() {
    return contained.sum();
  }

  public long splits() {
    return splits.sum();
  }

  public long publishFailures() {
    return publishFailed.sum();
  }

  public int inFlight() {
    return inFlight.get();
  }
}
