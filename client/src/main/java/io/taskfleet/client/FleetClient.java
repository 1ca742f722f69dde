package io.taskfleet.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerConnector;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.codec.JacksonCodec;
import io.taskfleet.common.kinds.KindCalls;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on the fleet: one connection, one result queue ({@code <queue>.results.<clientId>},
 * deleted on close), each {@code submit} and {@code map} a run of its own id. One thread publishes
 * every run's tasks ({@link TaskPublisher}: confirms, a bounded window, publishing again what a
 * recovery or a nack leaves unconfirmed); results are routed to their run by run id and counted
 * once per task id.
 *
 * <pre>{@code
 * try (TaskClient fleet = FleetClient.connect(FleetClientOptions.of(amqpUrl))) {
 *   fleet.map(kind, params).inOrder().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class FleetClient implements TaskClient {

  private static final Logger log = LoggerFactory.getLogger(FleetClient.class);

  /** Result messages unacked at once: a long chunk's batches are up to 500 results each. */
  private static final int RESULT_PREFETCH = 300;

  /**
   * How long {@link #close()} waits for a connection recovery under way to finish before deleting
   * the result queue: deleted sooner, the recovery would declare it again.
   */
  static final Duration CLOSE_RECOVERY_WAIT = Duration.ofSeconds(10);

  private final FleetClientOptions options;
  private final Topology topology;
  private final Connection connection;
  private final Map<String, Outgoing> inFlight = new ConcurrentHashMap<>();
  private final Set<String> servedKinds = ConcurrentHashMap.newKeySet();
  private final AtomicLong runs = new AtomicLong();
  private final ScheduledExecutorService timeouts;
  private Channel resultChannel;
  private String resultQueue;
  private ResultConsumer resultConsumer;
  private TaskPublisher publisher;
  private Thread publishing;

  /** Set when the client deletes its own result queue: that cancel is no loss. */
  private volatile boolean closing;

  private final Object recovery = new Object();
  private boolean recovering;

  private FleetClient(FleetClientOptions options, Connection connection) {
    this.options = options;
    this.topology = options.topology();
    this.connection = connection;
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "fleet-client-timeouts");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    this.timeouts = Executors.unconfigurableScheduledExecutorService(timer);
  }

  /**
   * Connects, declares the task queue and the client's result queue, and starts consuming results
   * and the publishing thread.
   *
   * @throws FleetException when the broker cannot be reached or the queues cannot be declared
   */
  public static FleetClient connect(FleetClientOptions options) {
    Connection connection =
        new BrokerConnector(options.brokerUrl(), options.connectRetry())
            .connect(options.connectionName(), null);
    FleetClient client = new FleetClient(options, connection);
    try {
      client.start();
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private void start() {
    connection.addBlockedListener(new BrokerAlarms(options.notices()));
    if (connection instanceof Recoverable recoverable) {
      recoverable.addRecoveryListener(
          new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable r) {
              recovering(false);
            }

            @Override
            public void handleRecoveryStarted(Recoverable r) {
              recovering(true);
            }
          });
    }
    topology.declare(connection);
    try {
      resultChannel = connection.createChannel();
      resultQueue = topology.declareResultQueue(resultChannel, options.clientId());
      resultChannel.basicQos(RESULT_PREFETCH);
      resultConsumer =
          new ResultConsumer(
              resultChannel,
              JacksonCodec.DEFAULT_MAX_BODY_BYTES,
              inFlight::get,
              this::finish,
              this::onResultQueueLost);
      resultChannel.basicConsume(resultQueue, false, resultConsumer);
    } catch (IOException e) {
      throw new FleetException("cannot set up the result queue: " + e.getMessage(), e);
    }
    publisher =
        new TaskPublisher(
            connection,
            options.codec(),
            topology.taskQueue(),
            resultQueue,
            options.confirmWindow(),
            options.timeout(),
            this::onTaskReturned);
    publishing = new Thread(publisher, "fleet-publisher");
    publishing.setDaemon(true);
    publishing.start();
    try {
      publisher.awaitOpen();
    } catch (IOException e) {
      throw new FleetException("cannot open the publishing channel: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("interrupted while connecting", e);
    }
  }

  private void recovering(boolean now) {
    synchronized (recovery) {
      recovering = now;
      recovery.notifyAll();
    }
  }

  /** Waits, at most {@code max}, until the connection is open and no recovery is under way. */
  private boolean awaitConnected(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (recovery) {
      try {
        while ((recovering || !connection.isOpen()) && System.nanoTime() < deadline) {
          recovery.wait(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return !recovering && connection.isOpen();
    }
  }

  /** The options this client was built with. */
  public FleetClientOptions options() {
    return options;
  }

  /** The queue the workers answer this client on. */
  public String resultQueue() {
    return resultQueue;
  }

  /** Consumers attached to the task queue now (one per worker thread, or per worker process). */
  public int consumers() {
    try (Channel channel = connection.createChannel()) {
      return topology.taskConsumers(channel);
    } catch (IOException | TimeoutException e) {
      throw new FleetException(
          "cannot inspect queue '" + topology.taskQueue() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Throws a {@link FleetException} naming the kinds that no attached worker serves (plugin kinds
   * only: every worker serves the built-in ones; nothing is checked before a worker is attached).
   */
  public void requireServed(Collection<? extends TaskKind<?>> kinds) {
    KindCheck.requireServed(connection, topology, List.copyOf(kinds));
  }

  /** Checks a kind once per client: a kind no worker serves fails at once, not at the timeout. */
  private void requireServedOnce(TaskKind<?> kind) {
    if (!servedKinds.contains(kind.name())) {
      requireServed(List.of(kind));
      servedKinds.add(kind.name());
    }
  }

  @Override
  public <P extends Record> CompletableFuture<TaskResult> submit(TaskKind<P> kind, P params) {
    requireOpen();
    requireServedOnce(kind);
    String runId = nextRunId();
    long createdAt = System.currentTimeMillis();
    Task task = new Task(runId, 0, kind.name(), params, createdAt);
    SingleTask single = new SingleTask();
    Outgoing run =
        new Outgoing(
            runId,
            1,
            id -> task,
            new ChunkPlanner(new ChunkSize.Fixed(1), 1),
            new long[1],
            BatchListener.NONE,
            single);
    single.future().whenComplete((result, failure) -> finish(run));
    launch(run);
    return single.future().copy();
  }

  @Override
  public Batch map(List<? extends Job<?>> jobs, MapOptions mapOptions) {
    requireOpen();
    if (!jobs.isEmpty()) {
      requireServedOnce(jobs.get(0).kind());
    }
    String runId = mapOptions.runId() != null ? mapOptions.runId() : nextRunId();
    if (inFlight.containsKey(runId)) {
      throw new IllegalArgumentException("run id " + runId + " is in flight already");
    }
    LongFunction<OptionalLong> expected =
        mapOptions.expectedValues() != null
            ? mapOptions.expectedValues()
            : id -> {
              Job<?> job = jobs.get((int) id);
              return KindCalls.expectedValue(job.kind(), job.params());
            };
    int size = jobs.size();
    BatchState batch = new BatchState(runId, size, mapOptions, expected);
    int consumers = options.chunk() instanceof ChunkSize.Auto ? consumers() : 1;
    ChunkPlanner planner =
        new ChunkPlanner(
            options.chunk(),
            consumers,
            size > 0 && jobs.stream().allMatch(j -> j.kind().ioBound()),
            mapOptions.chunkHint());
    long createdAt = System.currentTimeMillis();
    Outgoing run =
        new Outgoing(
            runId,
            size,
            id -> {
              Job<?> job = jobs.get(id);
              return new Task(runId, id, job.kind().name(), job.params(), createdAt);
            },
            planner,
            batch.sentNanos(),
            batch.listener(),
            batch);
    batch.transport(run::transport);
    batch.onCancel(() -> finish(run));
    batch.started();
    if (size > 0) {
      launch(run);
    }
    return batch;
  }

  private void launch(Outgoing run) {
    inFlight.put(run.runId, run);
    run.timeout =
        timeouts.schedule(
            () -> {
              run.sink.end(
                  new TaskClientException(
                      "run "
                          + run.runId
                          + " timed out after "
                          + options.timeout().toSeconds()
                          + " s: are workers running on queue '"
                          + topology.taskQueue()
                          + "'?"));
              finish(run);
            },
            options.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
    publisher.add(run);
    if (closing) {
      run.sink.end(closed());
      finish(run);
    }
  }

  /** The run ended (complete, timed out, cancelled): stop publishing it and forget it. */
  private void finish(Outgoing run) {
    inFlight.remove(run.runId, run);
    publisher.remove(run);
    var timeout = run.timeout;
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  private String nextRunId() {
    return options.clientId() + "-" + runs.incrementAndGet();
  }

  private void requireOpen() {
    if (closing) {
      throw closed();
    }
  }

  private static TaskClientException closed() {
    return new TaskClientException("the client is closed");
  }

  /**
   * The result queue was deleted under the client (by an operator, a policy): the results in it,
   * and those published until it exists again, are gone. Declare it again, consume again, and
   * publish again every published task that has no result yet; de-duplication absorbs the copies.
   * Runs on a thread of its own, not on the consumer's dispatch thread.
   */
  private void onResultQueueLost() {
    if (closing) {
      return;
    }
    Thread recovery =
        new Thread(
            () -> {
              if (closing) {
                return;
              }
              log.warn(
                  "result queue {} was deleted; declaring it again and re-publishing the "
                      + "tasks without a result",
                  resultQueue);
              try {
                topology.declareResultQueue(resultChannel, options.clientId());
                resultChannel.basicConsume(resultQueue, false, resultConsumer);
              } catch (IOException | RuntimeException e) {
                log.error("could not declare result queue {} again: {}", resultQueue, e.toString());
                return;
              }
              for (Outgoing run : inFlight.values()) {
                BitSet missing = run.sink.missing();
                for (int id = missing.nextSetBit(0); id >= 0; id = missing.nextSetBit(id + 1)) {
                  if (run.publishNanos[id] != 0) {
                    publisher.republish(run, id);
                  }
                }
              }
            },
            "fleet-result-queue-recovery");
    recovery.setDaemon(true);
    recovery.start();
  }

  /**
   * The broker returned a task: the task queue is gone (deleted). That is an error, not a silent
   * loss: every run in flight ends with it.
   */
  private void onTaskReturned(String reason) {
    TaskReturnedException returned = new TaskReturnedException(reason);
    for (Outgoing run : inFlight.values()) {
      run.sink.end(returned);
      finish(run);
    }
  }

  /**
   * Ends the runs in flight (they fail with a {@link TaskClientException}), stops publishing,
   * deletes the result queue and closes the connection. Idempotent.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    TaskClientException closed = closed();
    for (Outgoing run : inFlight.values()) {
      run.sink.end(closed);
      finish(run);
    }
    if (publisher != null) {
      publisher.close();
      try {
        publishing.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    timeouts.shutdownNow();
    try {
      if (resultQueue != null && awaitConnected(CLOSE_RECOVERY_WAIT)) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(resultQueue);
        }
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.warn(
          "could not delete result queue {} (it expires by itself): {}", resultQueue, e.toString());
    }
    try {
      connection.close(5_000);
    } catch (IOException | RuntimeException e) {
      log.debug("closing the connection: {}", e.toString());
    }
  }
}
