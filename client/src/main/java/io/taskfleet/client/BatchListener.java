package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerUsage;
import java.util.List;

/**
 * Told of a batch's progress as it happens: a progress bar, metrics and measurements hang on it.
 * Called on the client's threads (a pool thread, the result consumer's thread): keep it quick.
 */
@FunctionalInterface
public interface BatchListener {

  BatchListener NONE = (result, arrival) -> {};

  /** The batch exists and is about to send its first task. */
  default void started(Batch batch) {}

  /** A task's result arrived, counted for the first time (copies are not passed on). */
  void result(TaskResult result, Arrival arrival);

  /**
   * A message of results of this batch arrived, from one worker (fleet only). Called before its
   * results are passed on one by one, and before {@link #usage} when it carried a snapshot.
   */
  default void resultsMessage(List<TaskResult> results) {}

  /**
   * A message of results of this batch carried its worker's usage snapshot (fleet only): the
   * worker's cumulative CPU and per-thread busy time when it sent {@code results}. Workers attach
   * one at most every 100 ms, and whenever they have nothing else in hand, so not every message
   * carries one.
   */
  default void usage(List<TaskResult> results, WorkerUsage usage) {}

  /** The client encoded a task in {@code nanos} (fleet only). */
  default void encoded(long nanos) {}

  /** The broker confirmed a task {@code nanos} after it was first published (fleet only). */
  default void confirmed(long nanos) {}

  /**
   * When and how a result arrived.
   *
   * @param received results of the batch counted so far, this one included
   * @param roundTripNanos from the task's first publication (or submission) to its result
   * @param decodeNanos the client's share of decoding the message that carried it
   */
  record Arrival(int received, long roundTripNanos, long decodeNanos) {}
}
