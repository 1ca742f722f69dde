package io.taskfleet.client;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.protocol.Identities;
import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;

/**
 * How a {@link FleetClient} connects and sends, built once: {@link #of(String)} with the defaults,
 * then the {@code with...} methods for what differs.
 *
 * @param brokerUrl where RabbitMQ is
 * @param topology the task queue (and its dead-letter queue), the type of the result queue
 * @param codec how tasks are encoded
 * @param chunk tasks per message of a {@code map}: a number, or auto (measured); {@code submit}
 *     sends single-task messages
 * @param confirmWindow published messages that may await their broker confirm at once
 * @param timeout how long a batch or task may take before it fails; also its messages' expiration
 * @param connectRetry how long to keep retrying the first connection
 * @param clientId names the client's result queue, {@code <queue>.results.<clientId>}
 * @param connectionName the connection's name in the management UI
 * @param notices where to say that the broker blocks publishing (a memory or disk alarm)
 */
public record FleetClientOptions(
    BrokerUrl brokerUrl,
    Topology topology,
    Codec codec,
    ChunkSize chunk,
    int confirmWindow,
    Duration timeout,
    Duration connectRetry,
    String clientId,
    String connectionName,
    PrintStream notices) {

  public static final int DEFAULT_CONFIRM_WINDOW = 1_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public FleetClientOptions {
    if (confirmWindow < 1) {
      throw new IllegalArgumentException("the confirm window must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("the client id must not be empty");
    }
  }

  /** The defaults for the broker at {@code amqpUrl}, e.g. {@code amqp://guest:guest@host:5672}. */
  public static FleetClientOptions of(String amqpUrl) {
    return of(BrokerUrl.parse(amqpUrl));
  }

  /**
   * The task queue {@code tasks} (quorum), JSON, chunk auto, 1,000 unconfirmed messages, five
   * minutes per batch, a drawn client id.
   */
  public static FleetClientOptions of(BrokerUrl brokerUrl) {
    return new FleetClientOptions(
        brokerUrl,
        new Topology(
            Topology.DEFAULT_TASK_QUEUE, QueueType.QUORUM, Topology.DEFAULT_DELIVERY_LIMIT),
        Codecs.byName(Codecs.DEFAULT),
        new ChunkSize.Auto(),
        DEFAULT_CONFIRM_WINDOW,
        DEFAULT_TIMEOUT,
        Duration.ZERO,
        "c" + UUID.randomUUID().toString().substring(0, 8),
        "taskfleet-client " + Identities.hostName() + ":" + Identities.pid(),
        System.err);
  }

  /** The task queue {@code queue}, quorum as the workers declare it by default. */
  public FleetClientOptions withQueue(String queue) {
    return withTopology(
        new Topology(
            queue, topology.queueType(), topology.deliveryLimit(), topology.resultQueueType()));
  }

  public FleetClientOptions withTopology(Topology value) {
    return new FleetClientOptions(
        brokerUrl,
        value,
        codec,
        chunk,
        confirmWindow,
        timeout,
        connectRetry,
        clientId,
        connectionName,
        notices);
  }

  public FleetClientOptions withCodec(Codec value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        value,
        chunk,
        confirmWindow,
        timeout,
        connectRetry,
        clientId,
        connectionName,
        notices);
  }

  public FleetClientOptions withChunk(ChunkSize value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        value,
        confirmWindow,
        timeout,
        connectRetry,
        clientId,
        connectionName,
        notices);
  }

  public FleetClientOptions withConfirmWindow(int value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        chunk,
        value,
        timeout,
        connectRetry,
        clientId,
        connectionName,
        notices);
  }

  public FleetClientOptions withTimeout(Duration value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        chunk,
        confirmWindow,
        value,
        connectRetry,
        clientId,
        connectionName,
        notices);
  }

  public FleetClientOptions withConnectRetry(Duration value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        chunk,
        confirmWindow,
        timeout,
        value,
        clientId,
        connectionName,
        notices);
  }

  public FleetClientOptions withClientId(String value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        chunk,
        confirmWindow,
        timeout,
        connectRetry,
        value,
        connectionName,
        notices);
  }

  public FleetClientOptions withConnectionName(String value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        chunk,
        confirmWindow,
        timeout,
        connectRetry,
        clientId,
        value,
        notices);
  }

  public FleetClientOptions withNotices(PrintStream value) {
    return new FleetClientOptions(
        brokerUrl,
        topology,
        codec,
        chunk,
        confirmWindow,
        timeout,
        connectRetry,
        clientId,
        connectionName,
        value);
  }
}
