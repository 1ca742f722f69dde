package io.taskfleet.common.broker;

import java.util.Locale;

/** The kind of RabbitMQ queue that holds the tasks. */
public enum QueueType {
  /** Replicated across a cluster, with a delivery limit for poison messages. The default. */
  QUORUM,
  /** A durable classic queue: one node, no delivery limit. */
  CLASSIC;

  public String argument() {
    return name().toLowerCase(Locale.ROOT);
  }
}
