package io.taskfleet.common.broker;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.taskfleet.common.ConfigException;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.text.Bounded;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Every queue and exchange the project uses, declared idempotently in this one place.
 *
 * <ul>
 *   <li>{@code <queue>}: the task queue, durable, quorum by default, dead-lettering to
 *   <li>{@code <queue>.dlx}: a direct exchange routing by the task queue's name to
 *   <li>{@code <queue>.dead}: the dead-letter queue, where messages that cannot be processed wait
 *       with the reason in the {@value #REASON_HEADER} header.
 *   <li>{@code <queue>.results.<runId>}: one result queue per producer run, deleted by the producer
 *       at the end and expiring by itself if the producer dies.
 * </ul>
 *
 * @param taskQueue the task queue's name
 * @param queueType quorum or classic
 * @param deliveryLimit how often a quorum queue delivers a task before dead-lettering it
 * @param resultQueueType classic (the default: one node, cheapest) or quorum (replicated, so the
 *     results of a run survive the loss of a cluster node)
 */
public record Topology(
    String taskQueue, QueueType queueType, int deliveryLimit, QueueType resultQueueType) {

  public static final String DEFAULT_TASK_QUEUE = "tasks";
  public static final int DEFAULT_DELIVERY_LIMIT = 5;

  /** How long an unused result queue lives after its producer is gone. */
  public static final Duration RESULT_QUEUE_EXPIRY = Duration.ofMinutes(5);

  /** Longest text from the broker quoted in an error. */
  static final int MAX_BROKER_TEXT_CHARS = 300;

  /** Header carrying why a message was dead-lettered by a worker. */
  public static final String REASON_HEADER = "x-taskfleet-reason";

  /** A topology whose result queues are classic. */
  public Topology(String taskQueue, QueueType queueType, int deliveryLimit) {
    this(taskQueue, queueType, deliveryLimit, QueueType.CLASSIC);
  }

  public Topology {
    if (resultQueueType == null) {
      resultQueueType = QueueType.CLASSIC;
    }
    if (taskQueue == null || taskQueue.isBlank()) {
      throw new ConfigException("the task queue name must not be empty");
    }
    if (taskQueue.startsWith("amq.")) {
      throw new ConfigException("queue names starting with 'amq.' are reserved by RabbitMQ");
    }
    if (deliveryLimit < 1) {
      throw new ConfigException("the delivery limit must be at least 1, was " + deliveryLimit);
    }
  }

  /** The same topology with result queues of this type. */
  public Topology withResultQueueType(QueueType type) {
    return new Topology(taskQueue, queueType, deliveryLimit, type);
  }

  public String deadLetterExchange() {
    return taskQueue + ".dlx";
  }

  public String deadLetterQueue() {
    return taskQueue + ".dead";
  }

  public String resultQueue(String runId) {
    return taskQueue + ".results." + runId;
  }

  /**
   * The marker queue of a kind: workers that serve the kind consume from it (nothing is published
   * there), so its consumer count says how many do. Auto-delete: gone with the last of them.
   */
  public String kindMarkerQueue(String kind) {
    return taskQueue + ".kind." + kind;
  }

  /** The task queue's arguments; a queue declared before with others is reported clearly. */
  public Map<String, Object> taskQueueArguments() {
    Map<String, Object> args = new HashMap<>();
    args.put("x-queue-type", queueType.argument());
    args.put("x-dead-letter-exchange", deadLetterExchange());
    if (queueType == QueueType.QUORUM) {
      args.put("x-delivery-limit", deliveryLimit);
    }
    return args;
  }

  /** Declares the task queue and its dead-letter exchange and queue, on a channel of its own. */
  public void declare(Connection connection) {
    withChannel(
        connection,
        ch -> {
          ch.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
          ch.queueDeclare(deadLetterQueue(), true, false, false, null);
          ch.queueBind(deadLetterQueue(), deadLetterExchange(), taskQueue);
        });
    withChannel(
        connection, ch -> ch.queueDeclare(taskQueue, true, false, false, taskQueueArguments()));
  }

  /**
   * Declares a run's result queue: durable, so results survive a broker restart and a lost
   * connection, and expiring when unused, so a crashed producer leaves nothing behind for long. A
   * quorum result queue also survives the loss of the node that leads it.
   */
  public String declareResultQueue(Channel channel, String runId) throws IOException {
    String name = resultQueue(runId);
    channel.queueDeclare(name, true, false, false, resultQueueArguments());
    return name;
  }

  /** A result queue's arguments: its type, and expiry when unused. */
  public Map<String, Object> resultQueueArguments() {
    Map<String, Object> args = new HashMap<>();
    args.put("x-expires", (int) RESULT_QUEUE_EXPIRY.toMillis());
    args.put("x-queue-type", resultQueueType.argument());
    return args;
  }

  /** The number of consumers attached to the task queue. */
  public int taskConsumers(Channel channel) throws IOException {
    return channel.queueDeclarePassive(taskQueue).getConsumerCount();
  }

  @FunctionalInterface
  private interface ChannelAction {
    void run(Channel channel) throws IOException;
  }

  private void withChannel(Connection connection, ChannelAction action) {
    try (Channel channel = connection.createChannel()) {
      action.run(channel);
    } catch (IOException e) {
      throw explain(e);
    } catch (TimeoutException e) {
      throw new FleetException("timed out declaring the topology of '" + taskQueue + "'", e);
    } catch (ShutdownSignalException e) {
      throw explain(e);
    }
  }

  private FleetException explain(Exception e) {
    String text = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    if (e instanceof ShutdownSignalException) {
      text = e.getMessage();
    }
    if (text.contains("PRECONDITION_FAILED")) {
      return new ConfigException(
          "queue '"
              + taskQueue
              + "' already exists with other arguments than this "
              + queueType.argument()
              + " queue needs ("
              + Bounded.text(reply(text), MAX_BROKER_TEXT_CHARS)
              + "). Either use the "
              + "queue's existing type (--queue-type), another queue name (--queue), or delete "
              + "it: rabbitmqctl delete_queue "
              + taskQueue);
    }
    return new FleetException(
        "cannot declare the topology of '"
            + taskQueue
            + "': "
            + Bounded.text(text, MAX_BROKER_TEXT_CHARS),
        e);
  }

  private static String reply(String text) {
    int start = text.indexOf("reply-text=");
    if (start < 0) {
      return text;
    }
    int end = text.indexOf(", class-id", start);
    return text.substring(start + "reply-text=".length(), end < 0 ? text.length() : end);
  }
}
