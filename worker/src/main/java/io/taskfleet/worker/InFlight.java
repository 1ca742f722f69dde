package io.taskfleet.worker;

import com.rabbitmq.client.AMQP;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.protocol.TaskResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One message from the task queue between its delivery and its ack: how many of its tasks are still
 * computing, the results not yet published, and the publishes not yet confirmed. It is acked only
 * when all three are done, so a task is never acked before the broker has its result. Used by the
 * loop's thread only.
 */
final class InFlight {

  final long tag;
  final AMQP.BasicProperties props;
  final Codec codec;
  final boolean chunk;
  final boolean redelivered;
  private int computing;
  private final List<TaskResult> unsent = new ArrayList<>();
  private long oldestUnsentNanos;
  private int unconfirmed;
  private long computeNanos;
  private int computedTasks;

  InFlight(long tag, AMQP.BasicProperties props, Codec codec, boolean chunk, boolean redelivered) {
    this.tag = tag;
    this.props = props;
    this.codec = codec;
    this.chunk = chunk;
    this.redelivered = redelivered;
  }

  void computing(int tasks) {
    computing += tasks;
  }

  void computed(TaskResult result, long nowNanos) {
    computing--;
    computedTasks++;
    computeNanos += result.timings().computeNanos();
    add(result, nowNanos);
  }

  boolean allComputed() {
    return computing == 0;
  }

  /** Its tasks computed so far. */
  int computedTasks() {
    return computedTasks;
  }

  /** The compute time of its tasks so far, summed. */
  long computeNanos() {
    return computeNanos;
  }

  boolean hasUnsent() {
    return !unsent.isEmpty();
  }

  /** A result that needed no computation (a rejected task of a chunk). */
  void add(TaskResult result, long nowNanos) {
    if (unsent.isEmpty()) {
      oldestUnsentNanos = nowNanos;
    }
    unsent.add(result);
  }

  /** The results to publish now: all once nothing computes, or the backlog once it is old. */
  boolean resultsDue(long nowNanos, long flushNanos) {
    return !unsent.isEmpty() && (computing == 0 || nowNanos - oldestUnsentNanos >= flushNanos);
  }

  /** Nanoseconds until {@link #resultsDue} turns true by age; Long.MAX_VALUE when nothing waits. */
  long nanosUntilDue(long nowNanos, long flushNanos) {
    return unsent.isEmpty() ? Long.MAX_VALUE : oldestUnsentNanos + flushNanos - nowNanos;
  }

  List<TaskResult> takeUnsent() {
    List<TaskResult> taken = List.copyOf(unsent);
    unsent.clear();
    return taken;
  }

  void published() {
    unconfirmed++;
  }

  void confirmed() {
    unconfirmed--;
  }

  boolean ackable() {
    return computing == 0 && unsent.isEmpty() && unconfirmed == 0;
  }

  String replyTo() {
    return props.getReplyTo();
  }
}
