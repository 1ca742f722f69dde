package io.taskfleet.common.cli;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.BrokerUrlSource;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options both programs share, mixed into each command: where the broker is, how to reach it,
 * and which queue holds the tasks. Their environment variables have no program prefix.
 */
public final class BrokerOptions {

  @Option(
      names = "--amqp-url",
      paramLabel = "URL",
      // Never ${DEFAULT-VALUE}: picocli would show the URL from AMQP_URL, password included.
      description =
          "Broker URL, amqp:// or amqps://; several nodes of one cluster as"
              + " amqp://user:pw@h1:5672,h2:5672/%%2F (env AMQP_URL; its password is never"
              + " shown). Default: "
              + BrokerUrl.DEFAULT_IN_HELP)
  String amqpUrl = BrokerUrl.DEFAULT;

  @Option(
      names = "--amqp-url-file",
      paramLabel = "FILE",
      description =
          "Read the broker URL, credentials included, from FILE instead; wins over"
              + " --amqp-url (env AMQP_URL_FILE)")
  Path amqpUrlFile;

  @Option(
      names = "--queue",
      paramLabel = "NAME",
      description = "Task queue (env TASK_QUEUE). Default: ${DEFAULT-VALUE}")
  String queue = Topology.DEFAULT_TASK_QUEUE;

  @Option(
      names = "--queue-type",
      paramLabel = "TYPE",
      description =
          "quorum or classic, used when the queue is first declared (env QUEUE_TYPE)."
              + " Default: quorum")
  QueueType queueType = QueueType.QUORUM;

  @Option(
      names = "--delivery-limit",
      paramLabel = "N",
      description =
          "Deliveries of one task before a quorum queue dead-letters it"
              + " (env DELIVERY_LIMIT). Default: ${DEFAULT-VALUE}")
  int deliveryLimit = Topology.DEFAULT_DELIVERY_LIMIT;

  @Option(
      names = "--connect-retry",
      paramLabel = "SECONDS",
      description =
          "Keep retrying the first connection this long (env CONNECT_RETRY)."
              + " Default: ${DEFAULT-VALUE}")
  int connectRetrySeconds = 0;

  /** The broker URL, from the file when one is given. */
  public BrokerUrl brokerUrl() {
    return BrokerUrlSource.resolve(amqpUrl, amqpUrlFile);
  }

  /**
   * The URL in force, password included (from the file when one is given), for handing on to child
   * processes such as spawned workers; never print it.
   */
  public String effectiveAmqpUrl() {
    return BrokerUrlSource.effective(amqpUrl, amqpUrlFile);
  }

  public Topology topology() {
    return new Topology(queue, queueType, deliveryLimit);
  }

  public Duration connectRetry() {
    return Duration.ofSeconds(Math.max(0, connectRetrySeconds));
  }
}
