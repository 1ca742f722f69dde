package io.taskfleet.client;

import io.taskfleet.common.protocol.Task;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.function.IntFunction;

/**
 * One run in flight on the fleet: what the publisher sends (tasks made on demand, in the sizes the
 * planner chooses) and where its results go. The publisher's fields are used under the publisher's
 * lock or on its thread; the figures under this object's own lock.
 */
final class Outgoing {

  final String runId;
  final int count;
  final IntFunction<Task> tasks;
  final ChunkPlanner planner;
  final long[] publishNanos;
  final BatchListener listener;
  final ResultSink sink;

  /** The next task id never published: the publishing thread's alone. */
  int next;

  /** Task ids to publish again: under the publisher's lock. */
  final Deque<Integer> toRepublish = new ArrayDeque<>();

  volatile ScheduledFuture<?> timeout;

  private long republished;
  private long bodyBytes;
  private long bodies;
  private double resultBodyBytes;
  private long results;

  Outgoing(
      String runId,
      int count,
      IntFunction<Task> tasks,
      ChunkPlanner planner,
      long[] publishNanos,
      BatchListener listener,
      ResultSink sink) {
    this.runId = runId;
    this.count = count;
    this.tasks = tasks;
    this.planner = planner;
    this.publishNanos = publishNanos;
    this.listener = listener;
    this.sink = sink;
  }

  synchronized void republishing() {
    republished++;
  }

  synchronized void published(int bytes, int tasksInBody) {
    bodyBytes += bytes;
    bodies += tasksInBody;
  }

  synchronized void received(double bytesShare, int n) {
    resultBodyBytes += bytesShare * n;
    results += n;
  }

  /** The figures of the run so far. */
  synchronized BatchTransport transport() {
    return new BatchTransport(
        republished,
        planner.messages(),
        planner.explain(),
        bodies == 0 ? 0 : bodyBytes / (double) bodies,
        results == 0 ? 0 : resultBodyBytes / results,
        planner.measurement().orElse(null));
  }
}
