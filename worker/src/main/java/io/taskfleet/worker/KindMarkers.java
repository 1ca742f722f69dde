package io.taskfleet.worker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.Topology;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells producers which kinds this worker serves: for each kind, a consumer on the marker queue
 * {@code <queue>.kind.<name>} (auto-delete, never published to). A producer reads a marker queue's
 * consumer count with a passive declare; the queue disappears with the last worker serving that
 * kind. The channel stays open so that automatic recovery declares the queues and consumers again
 * after a lost connection.
 */
final class KindMarkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KindMarkers.class);

  private final Channel channel;

  private KindMarkers(Channel channel) {
    this.channel = channel;
  }

  /** Declares and consumes one marker queue per kind, on a channel of its own. */
  static KindMarkers open(Connection connection, Topology topology, List<String> kinds) {
    try {
      Channel channel = connection.createChannel();
      for (String kind : kinds) {
        String queue = topology.kindMarkerQueue(kind);
        channel.queueDeclare(queue, false, false, true, Map.of("x-queue-type", "classic"));
        channel.basicConsume(queue, true, new DefaultConsumer(channel));
      }
      log.debug("advertising kinds {} on {}.kind.*", kinds, topology.taskQueue());
      return new KindMarkers(channel);
    } catch (IOException e) {
      throw new FleetException("cannot advertise the kinds served: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.debug("closing the kind markers: {}", e.toString());
    }
  }
}
