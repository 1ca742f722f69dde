package io.taskfleet.worker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.taskfleet.common.broker.Topology;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes tasks on one channel, which no other thread uses. Every delivery ends in exactly one
 * explicit outcome: the result is published to {@code reply_to} and then the task is acked; a
 * message that can never be processed is published to the dead-letter exchange with the reason and
 * then acked. The broker receives the publish before the ack on the same connection, so a task is
 * never acked without its result.
 */
final class TaskConsumer extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(TaskConsumer.class);

  private final TaskHandler handler;
  private final Topology topology;
  private final WorkerStats stats;
  private final CountDownLatch cancelled = new CountDownLatch(1);

  TaskConsumer(Channel channel, TaskHandler handler, Topology topology, WorkerStats stats) {
    super(channel);
    this.handler = handler;
    this.topology = topology;
    this.stats = stats;
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
      throws IOException {
    stats.started(envelope.isRedeliver());
    Outcome outcome = handler.handle(body, props.getContentType(), envelope.isRedeliver());
    try {
      if (outcome.reply() != null) {
        reply(props, outcome.reply());
      }
      if (outcome.deadLetterReason() != null) {
        deadLetter(props, body, outcome.deadLetterReason());
      }
      getChannel().basicAck(envelope.getDeliveryTag(), false);
    } catch (ShutdownSignalException e) {
      // Not acked, so the broker delivers the task again once the connection is back (here or
      // to another worker); the producer counts a result that did get through twice as a duplicate.
      log.warn(
          "connection lost while settling task {}; it will be delivered again: {}",
          props.getCorrelationId(),
          e.getMessage());
      return;
    }
    stats.finished(outcome);
  }

  private void reply(AMQP.BasicProperties task, byte[] reply) throws IOException {
    if (task.getReplyTo() == null || task.getReplyTo().isBlank()) {
      log.warn("task {} has no reply_to; its result is dropped", task.getCorrelationId());
      return;
    }
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder()
            .contentType(task.getContentType() == null ? "application/json" : task.getContentType())
            .correlationId(task.getCorrelationId())
            .deliveryMode(2)
            .build();
    getChannel().basicPublish("", task.getReplyTo(), props, reply);
  }

  private void deadLetter(AMQP.BasicProperties original, byte[] body, String reason)
      throws IOException {
    log.warn("dead-lettering message {}: {}", original.getCorrelationId(), reason);
    Map<String, Object> headers =
        original.getHeaders() == null ? new HashMap<>() : new HashMap<>(original.getHeaders());
    headers.put(Topology.REASON_HEADER, reason);
    AMQP.BasicProperties props = original.builder().headers(headers).deliveryMode(2).build();
    getChannel().basicPublish(topology.deadLetterExchange(), topology.taskQueue(), props, body);
  }

  @Override
  public void handleCancelOk(String consumerTag) {
    // Runs on this channel's dispatch queue after every delivery received before the cancel.
    cancelled.countDown();
  }

  @Override
  public void handleCancel(String consumerTag) {
    log.warn("the broker cancelled consumer {} (queue deleted?)", consumerTag);
    cancelled.countDown();
  }

  /**
   * Stops waiting for a drain that cannot happen: the connection is gone, and with it the tasks.
   */
  void abandon() {
    cancelled.countDown();
  }

  /** Waits until every delivery received before the cancel has been handled. */
  boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
    return cancelled.await(timeout, unit);
  }
}
