package io.taskfleet.worker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerConnector;
import io.taskfleet.common.protocol.Identities;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process: a connection, and per thread a channel with its own consumer on the task
 * queue. Consumer callbacks run on a pool with one thread per channel, so the channels compute in
 * parallel while each channel's deliveries stay in order.
 */
public final class Worker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final WorkerConfig config;
  private final WorkerStats stats = new WorkerStats();
  private final String host = Identities.hostName();
  private final long pid = Identities.pid();
  private final List<ConsumerHandle> consumers = new ArrayList<>();
  private ExecutorService pool;
  private Connection connection;
  private boolean closed;
  private boolean drainedCleanly;

  private record ConsumerHandle(Channel channel, TaskConsumer consumer, String tag) {}

  public Worker(WorkerConfig config) {
    this.config = config;
  }

  public WorkerStats stats() {
    return stats;
  }

  public String host() {
    return host;
  }

  public long pid() {
    return pid;
  }

  /** Whether {@link #close()} finished every task in hand before its timeout. */
  public synchronized boolean drainedCleanly() {
    return closed && drainedCleanly;
  }

  /** Connects, declares the topology and starts consuming on every thread. */
  public synchronized void start() {
    pool = Executors.newFixedThreadPool(config.threads(), new NamedThreadFactory("fleet-worker"));
    BrokerConnector connector = new BrokerConnector(config.brokerUrl(), config.connectRetry());
    connection = connector.connect("taskfleet-worker " + host + ":" + pid, pool);
    config.topology().declare(connection);
    TaskHandler handler =
        new TaskHandler(host, pid, config.maxIterations(), config.maxBodyBytes());
    try {
      for (int i = 0; i < config.threads(); i++) {
        Channel channel = connection.createChannel();
        channel.basicQos(config.prefetch());
        TaskConsumer consumer = new TaskConsumer(channel, handler, config.topology(), stats);
        String tag =
            channel.basicConsume(
                config.topology().taskQueue(), false, "worker-" + host + "-" + pid + "-" + i,
                consumer);
        consumers.add(new ConsumerHandle(channel, consumer, tag));
      }
    } catch (IOException e) {
      throw new FleetException("cannot start consuming from '" + config.topology().taskQueue()
          + "': " + e.getMessage(), e);
    }
    log.info(
        "worker started: host={} pid={} threads={} prefetch={} queue={} ({}) broker={}",
        host, pid, config.threads(), config.prefetch(), config.topology().taskQueue(),
        config.topology().queueType().argument(), config.brokerUrl());
  }

  /**
   * Stops taking tasks, finishes and acks the ones in hand (up to the shutdown timeout), then
   * closes. Tasks prefetched but not handled by then go back to the queue for other workers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    for (ConsumerHandle handle : consumers) {
      try {
        if (handle.channel().isOpen()) {
          handle.channel().basicCancel(handle.tag());
        }
      } catch (IOException | RuntimeException e) {
        log.warn("could not cancel consumer {}: {}", handle.tag(), e.toString());
      }
    }
    boolean drained = true;
    for (ConsumerHandle handle : consumers) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        drained &= handle.consumer().awaitDrained(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained = false;
        break;
      }
    }
    if (!drained) {
      log.warn("tasks still in hand after {}; they go back to the queue", config.shutdownTimeout());
    }
    drainedCleanly = drained;
    if (connection != null) {
      try {
        connection.close((int) Duration.ofSeconds(5).toMillis());
      } catch (IOException | RuntimeException e) {
        log.warn("closing the connection: {}", e.toString());
      }
    }
    if (pool != null) {
      pool.shutdown();
    }
    if (!consumers.isEmpty()) {
      // Quiet when start-up failed: the user then sees only the one line that says why.
      log.info(
          "worker stopped: completed={} failed={} dead-lettered={} redelivered={}",
          stats.completed(), stats.failed(), stats.deadLettered(), stats.redelivered());
    }
  }
}
