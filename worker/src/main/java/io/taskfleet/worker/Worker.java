package io.taskfleet.worker;

import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
import io.taskfleet.common.broker.BrokerConnector;
import io.taskfleet.common.protocol.Identities;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process: a {@link ConsumerLoop} on a thread of its own, which alone touches the
 * broker, and compute threads apart from it: {@code --threads} for cpu-bound kinds and {@code
 * --io-concurrency} for I/O-bound ones, so a worker waits on many downloads at once while cpu tasks
 * stay at one per thread.
 */
public final class Worker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  /** Name of the I/O pool, and the prefix of its threads' names. */
  static final String IO_THREADS = "fleet-io";

  private final WorkerConfig config;
  private final WorkerStats stats;
  private final MetricsCollector amqpMetrics;
  private final String host = Identities.hostName();
  private final long pid = Identities.pid();
  // The I/O pool's threads (up to --io-concurrency, often a hundred) share one entry.
  private final UsageMeter usage =
      new UsageMeter(name -> name.startsWith(IO_THREADS + "-") ? IO_THREADS : name);
  private ExecutorService cpuPool;
  private ExecutorService ioPool;
  private volatile ConsumerLoop loop;
  private Thread loopThread;
  private volatile boolean closed;
  private boolean started;
  private boolean drainedCleanly;

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

  /** Connects, declares the topology and starts consuming; throws if it cannot. */
  public synchronized void start() throws InterruptedException {
    cpuPool =
        Executors.newFixedThreadPool(config.threads(), new NamedThreadFactory("fleet-worker"));
    ioPool =
        Executors.newFixedThreadPool(config.ioConcurrency(), new NamedThreadFactory(IO_THREADS));
    TaskHandler handler = new TaskHandler(host, pid, config.limits(), config.maxBodyBytes());
    BrokerConnector connector =
        new BrokerConnector(config.brokerUrl(), config.connectRetry(), amqpMetrics);
    ConsumerLoop consumerLoop =
        new ConsumerLoop(
            config,
            handler,
            stats,
            connector,
            "taskfleet-worker " + host + ":" + pid,
            new KindRouter(cpuPool, ioPool, config.kinds()),
            usage);
    loop = consumerLoop;
    loopThread = new Thread(consumerLoop, "fleet-worker-loop");
    loopThread.start();
    consumerLoop.awaitStarted();
    started = true;
    warnAboutConsumerTimeout();
    log.info(
        "worker started: host={} pid={} threads={} io-concurrency={} queue={} broker={}",
        host,
        pid,
        config.threads(),
        config.ioConcurrency(),
        config.topology().taskQueue(),
        config.brokerUrl());
  }

  private void warnAboutConsumerTimeout() {
    Duration hold = config.longestHold();
    if (hold.compareTo(config.brokerConsumerTimeout()) > 0) {
      log.warn(
          "a task may be held for up to {} s (--max-sleep-ms / --http-timeout and the prefetch),"
              + " longer than the broker's consumer_timeout of {} s: the broker would close the"
              + " channel and hand the task to another worker. Raise consumer_timeout in"
              + " rabbitmq.conf (and --broker-consumer-timeout), or lower the limits",
          hold.toSeconds(),
          config.brokerConsumerTimeout().toSeconds());
    }
  }

  /** Whether {@link #close()} has begun. */
  public boolean closing() {
    return closed;
  }

  /** Waits until the loop ends: after {@link #close()}, or by itself on a defect. */
  public void awaitTerminated() throws InterruptedException {
    Thread thread = loopThread;
    if (thread != null) {
      thread.join();
    }
  }

  /**
   * Up while consuming on an open session; down, with the reason, while connecting, after the
   * broker closed a channel or cancelled the consumer (until consuming again), during an alarm that
   * blocks publishing, and once stopping. Safe to call from any thread at any time.
   */
  public WorkerHealth health() {
    if (closed) {
      return WorkerHealth.down("stopping");
    }
    ConsumerLoop current = loop;
    return current == null
        ? WorkerHealth.down("starting: connecting to " + config.brokerUrl())
        : current.health();
  }

  /**
   * Stops taking tasks, finishes and acks the ones in hand (up to the shutdown timeout), then
   * closes. Messages prefetched but not finished by then go back to the queue for other workers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ConsumerLoop current = loop;
    boolean drained = true;
    if (current != null) {
      current.stop();
      try {
        drained =
            current.awaitFinished(config.shutdownTimeout().plusSeconds(10))
                && current.drainedCleanly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained = false;
      }
    }
    drainedCleanly = drained;
    if (cpuPool != null) {
      cpuPool.shutdownNow();
      ioPool.shutdownNow();
    }
    if (!started) {
      return;
    }
    log.info(
        "worker stopped: completed={} failed={} dead-lettered={} redelivered={} skipped={}"
            + " orphaned-results={} contained-errors={}",
        stats.completed(),
        stats.failed(),
        stats.deadLettered(),
        stats.redelivered(),
        stats.skipped(),
        stats.orphaned(),
        stats.contained());
  }
}
