package io.taskfleet.worker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** Counters of one worker process, shared by its consuming threads. */
public final class WorkerStats {

  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder redelivered = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongConsumer computeTimes;

  public WorkerStats() {
    this(nanos -> {});
  }

  /**
   * @param computeTimes told the compute time, in nanoseconds, of every task that was computed
   *     (completed or failed), e.g. to feed a metrics timer; called on the consuming thread
   */
  public WorkerStats(LongConsumer computeTimes) {
    this.computeTimes = computeTimes;
  }

  void started(boolean redelivery) {
    inFlight.incrementAndGet();
    if (redelivery) {
      redelivered.increment();
    }
  }

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

  public int inFlight() {
    return inFlight.get();
  }
}
