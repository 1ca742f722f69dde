package io.taskfleet.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.kinds.CpuKind;
import io.taskfleet.common.kinds.HttpKind;
import io.taskfleet.common.kinds.ImageKind;
import io.taskfleet.common.kinds.SleepKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Before a fleet run: does some worker attached to the task queue serve each kind of the workload?
 * A worker consumes from the marker queue {@code <queue>.kind.<name>} of every kind it serves; the
 * marker queue's consumer count, read with a passive declare, says how many do. Only plugin kinds
 * are checked (every worker serves the built-in ones, including workers older than the markers),
 * and only once a worker is attached: tasks published before any worker wait for one.
 */
final class KindCheck {

  /**
   * The kinds of {@code common}, which every worker serves. By name, not by what the class path
   * holds: a client program with a plugin jar on its class path must still check that kind.
   */
  static final Set<String> BUILT_IN =
      Set.of(CpuKind.NAME, SleepKind.NAME, HttpKind.NAME, ImageKind.NAME);

  private KindCheck() {}

  /**
   * Throws a {@link FleetException} naming the kinds no attached worker serves.
   *
   * @param kinds the kinds of the workload
   */
  static void requireServed(
      Connection connection, Topology topology, Collection<TaskKind<?>> kinds) {
    List<String> plugins =
        kinds.stream().map(TaskKind::name).filter(name -> !BUILT_IN.contains(name)).toList();
    if (plugins.isEmpty() || consumers(connection, topology.taskQueue()) == 0) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String kind : plugins) {
      if (consumers(connection, topology.kindMarkerQueue(kind)) == 0) {
        missing.add(kind);
      }
    }
    if (!missing.isEmpty()) {
      throw new FleetException(
          "no worker attached to '"
              + topology.taskQueue()
              + "' serves kind "
              + String.join(", ", missing)
              + ": start the workers with --plugins DIR holding the kind's jar");
    }
  }

  /** Consumers on the queue; 0 when it does not exist. */
  private static int consumers(Connection connection, String queue) {
    // A passive declare of a missing queue closes its channel: one channel per question.
    try (Channel channel = connection.createChannel()) {
      AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
      return ok.getConsumerCount();
    } catch (IOException e) {
      return 0;
    } catch (TimeoutException e) {
      throw new FleetException("the broker did not answer about queue '" + queue + "'", e);
    } catch (com.rabbitmq.client.AlreadyClosedException e) {
      return 0;
    }
  }
}
