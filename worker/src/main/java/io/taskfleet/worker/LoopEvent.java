package io.taskfleet.worker;

import com.rabbitmq.client.AMQP;
import io.taskfleet.common.protocol.TaskResult;
import java.util.List;

/**
 * Everything that reaches a {@link ConsumerLoop}: the client's callbacks and the compute threads
 * only put events in its mailbox, and the loop's thread alone acts on them. Events of a session
 * that has since been lost carry its old number and are ignored.
 */
sealed interface LoopEvent {

  /** A message from the task queue. */
  record Delivery(
      long session, long tag, AMQP.BasicProperties props, byte[] body, boolean redelivered)
      implements LoopEvent {}

  /** Tasks of {@code message} were computed: one or more results, in the order computed. */
  record Computed(long session, InFlight message, List<TaskResult> results) implements LoopEvent {}

  /** The broker confirmed ({@code ack}) or refused a publish, or all up to it. */
  record Confirmed(long session, long seq, boolean multiple, boolean ack) implements LoopEvent {}

  /** The broker returned a mandatory publish it could not route. */
  record Returned(long session, int replyCode, String replyText, String routingKey)
      implements LoopEvent {}

  /** The broker acknowledged the cancel of our consumer: no delivery follows. */
  record CancelOk(long session) implements LoopEvent {}

  /** A channel or connection closed, or the broker cancelled the consumer. */
  record Lost(long session, String reason) implements LoopEvent {}

  /** The broker blocked or unblocked the publishing connection (a memory or disk alarm). */
  record Blocked(long session, String reason) implements LoopEvent {}

  record Unblocked(long session) implements LoopEvent {}

  /** Stop consuming, finish what is in hand, close. */
  record Stop() implements LoopEvent {}
}
