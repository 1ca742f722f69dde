package io.taskfleet.worker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
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
  private final WorkerStats stats;
  private final MetricsCollector amqpMetrics;
  private final String host = Identities.hostName();
  private final long pid = Identities.pid();
  private final List<ConsumerHandle> consumers = new ArrayList<>();
  private ExecutorService pool;
  // Volatile: health() reads them from the HTTP thread without taking the lock start() holds.
  private volatile Connection connection;
  private volatile boolean consuming;
  private volatile boolean closed;
  private boolean drainedCleanly;

  private record ConsumerHandle(Channel channel, TaskConsumer consumer, String tag) {}

  public Worker(WorkerConfig config) {
    this(config, new WorkerStats(), new NoOpMetricsCollector());
  }

  /**
   * @param stats the counters to update, which metrics may read
   * @param amqpMetrics told of the client's connections, channels, publishes and acks
   */
  public Worker(WorkerConfig config, WorkerStats stats, MetricsCollector amqpMetrics) {
    this.config = config;
    this.stats = stats;
    this.amqpMetrics = amqpMetrics;
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
    BrokerConnector connector =
        new BrokerConnector(config.brokerUrl(), config.connectRetry(), amqpMetrics);
    connection = connector.connect("taskfleet-worker " + host + ":" + pid, pool);
    config.topology().declare(connection);
    TaskHandler handler = new TaskHandler(host, pid, config.limits(), config.maxBodyBytes());
    try {
      for (int i = 0; i < config.threads(); i++) {
        Channel channel = connection.createChannel();
        channel.basicQos(config.prefetch());
        TaskConsumer consumer = new TaskConsumer(channel, handler, config.topology(), stats);
        String tag =
            channel.basicConsume(
                config.topology().taskQueue(),
                false,
                "worker-" + host + "-" + pid + "-" + i,
                consumer);
        consumers.add(new ConsumerHandle(channel, consumer, tag));
      }
      consuming = true;
    } catch (IOException e) {
      throw new FleetException(
          "cannot start consuming from '" + config.topology().taskQueue() + "': " + e.getMessage(),
          e);
    }
    log.info(
        "worker started: host={} pid={} threads={} prefetch={} queue={} ({}) broker={}",
        host,
        pid,
        config.threads(),
        config.prefetch(),
        config.topology().taskQueue(),
        config.topology().queueType().argument(),
        config.brokerUrl());
  }

  /**
   * Up while every consumer is attached on an open connection; down while connecting, while
   * automatic recovery is at work, and once stopping. Safe to call from any thread at any time.
   */
  public WorkerHealth health() {
    if (closed) {
      return WorkerHealth.down("stopping");
    }
    Connection current = connection;
    if (!consuming || current == null) {
      return WorkerHealth.down("starting: connecting to " + config.brokerUrl());
    }
    if (!current.isOpen()) {
      return WorkerHealth.down("connection to " + config.brokerUrl() + " lost; recovering");
    }
    long open = consumers.stream().filter(c -> c.channel().isOpen()).count();
    if (open < consumers.size()) {
      return WorkerHealth.down(open + " of " + consumers.size() + " channels open; recovering");
    }
    return WorkerHealth.up(
        "consuming '"
            + config.topology().taskQueue()
            + "' on "
            + open
            + " channel(s), "
            + stats.inFlight()
            + " task(s) in hand");
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
    boolean started = !consumers.isEmpty();
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    for (ConsumerHandle handle : consumers) {
      try {
        if (connection.isOpen() && handle.channel().isOpen()) {
          handle.channel().basicCancel(handle.tag());
        } else {
          handle.consumer().abandon();
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
    if (!started) {
      return;
    }
    log.info(
        "worker stopped: completed={} failed={} dead-lettered={} redelivered={}",
        stats.completed(),
        stats.failed(),
        stats.deadLettered(),
        stats.redelivered());
  }
}
