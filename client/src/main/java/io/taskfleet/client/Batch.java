package io.taskfleet.client;

import io.taskfleet.common.protocol.TaskResult;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The tasks of one {@code map}, one run id: their results in order or as they arrive, and the
 * counts (one result per task id: copies of a task delivered twice are counted apart and dropped).
 */
public interface Batch {

  /** The run id every task of the batch carries. */
  String runId();

  /** Tasks in the batch. */
  int size();

  /** Results counted so far. */
  int received();

  /** Whether every task has its result. */
  boolean isComplete();

  /**
   * Waits until every task has its result, or the batch ended without (cancelled, timed out, the
   * client closed); false when results are missing.
   */
  boolean await(Duration timeout) throws InterruptedException;

  /**
   * The results by task id, blocking for each in turn. A task that gets no result (the batch ended
   * without it) throws a {@link TaskClientException} when reached.
   *
   * @throws IllegalStateException when the batch keeps no results ({@link
   *     MapOptions#discardingResults()})
   */
  Stream<TaskResult> inOrder();

  /**
   * The results in the order they arrive, blocking for each; see {@link #inOrder()}. Each result is
   * handed out once: two streams share them.
   */
  Stream<TaskResult> asCompleted();

  /** Stops the batch: tasks not yet sent or started are skipped, waits end. */
  void cancel();

  /** Why the batch ended without every result, if it did. */
  Optional<TaskClientException> failure();

  /** The counts so far: completed, failed, duplicates, latency, workers, missing ids. */
  ResultCollector.Snapshot snapshot();

  /** When the batch's first task was sent, on this JVM's {@link System#nanoTime()} clock. */
  long startNanos();

  /** How the batch travelled over the broker. */
  BatchTransport transport();
}
