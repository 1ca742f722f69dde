package io.taskfleet.worker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.taskfleet.common.broker.BrokerConnector;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskMessage;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.worker.LoopEvent.Blocked;
import io.taskfleet.worker.LoopEvent.CancelOk;
import io.taskfleet.worker.LoopEvent.Computed;
import io.taskfleet.worker.LoopEvent.Confirmed;
import io.taskfleet.worker.LoopEvent.Delivery;
import io.taskfleet.worker.LoopEvent.Lost;
import io.taskfleet.worker.LoopEvent.Returned;
import io.taskfleet.worker.LoopEvent.Stop;
import io.taskfleet.worker.LoopEvent.Unblocked;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one thread that touches channels. It owns a session: a consuming connection with its
 * channel and consumer, and a publishing connection with its channel in confirm mode (RabbitMQ
 * blocks a publishing connection during an alarm; acks must keep flowing on the other). The
 * client's callbacks and the compute threads only put {@link LoopEvent}s in its mailbox.
 *
 * <p>A message is acked only once every one of its results is confirmed by the broker; acks go out
 * as soon as the loop is idle, {@code multiple=true} where the tags allow. Whatever goes wrong with
 * the session (a closed channel or connection, a consumer cancelled by the broker) is reported on
 * {@link #health()}, the session is dropped (the broker hands its unacked messages to others) and a
 * new one is opened, with a back-off, until the worker is stopped.
 */
final class ConsumerLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  /** A chunk's results are published at the latest this long after the oldest was computed. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);

  /** Acks are flushed at least every this many events, even while busy. */
  private static final int ACK_EVERY_EVENTS = 100;

  /** Header of a chunk published again in halves after it came back (see design.md). */
  static final String SPLIT_HEADER = "x-taskfleet-split";

  /** Headers copied onto a dead letter, at most this large in all (a frame must hold them). */
  private static final int MAX_COPIED_HEADER_CHARS = 16 * 1024;

  /** Results in one results message at most (about 130 KB of JSON for tiny tasks). */
  static final int MAX_RESULTS_PER_MESSAGE = 500;

  /** A results message carries a usage snapshot at most this often while the worker is busy. */
  static final Duration USAGE_INTERVAL = Duration.ofMillis(100);

  /** A compute thread passes its results on at least this often while it runs a long batch. */
  static final Duration STREAM_INTERVAL = FLUSH_INTERVAL.dividedBy(4);

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final int MAX_PUBLISH_ATTEMPTS = 3;

  private final WorkerConfig config;
  private final TaskHandler handler;
  private final WorkerStats stats;
  private final BrokerConnector connector;
  private final String connectionName;
  private final KindRouter computePool;
  private final Topology topology;
  private final BlockingQueue<LoopEvent> mailbox = new LinkedBlockingQueue<>();
  private final PendingAcks acks = new PendingAcks();
  private final NavigableMap<Long, Pending> unconfirmed = new TreeMap<>();
  private final Set<InFlight> withUnsent = new LinkedHashSet<>();
  private final GoneReplyQueues gone = new GoneReplyQueues();
  private final PrefetchTuner tuner;
  private final CountDownLatch firstSession = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final long flushNanos = FLUSH_INTERVAL.toNanos();
  private final UsageCadence usageCadence = new UsageCadence(USAGE_INTERVAL);
  private final UsageMeter usage;
  private UsageMeter.Counters loopUsage;
  private long encodeNanosPerResult;

  private long sessionId;
  private Connection consumeConnection;
  private Connection publishConnection;
  private Channel consumeChannel;
  private Channel publishChannel;
  private Channel probeChannel;
  private String consumerTag;
  private int subscriptions;
  private int prefetch;
  private long lastRetuneNanos;
  private int noReplyToWarnings;

  private boolean stopping;
  private boolean cancelled;
  private long stopDeadlineNanos;

  private volatile String downReason;
  private volatile String blockedReason;
  private volatile RuntimeException startFailure;
  private volatile boolean drainedCleanly = true;

  /** A publish awaiting its confirm, kept whole so a nacked one can be published again. */
  private record Pending(
      InFlight owner,
      String exchange,
      String routingKey,
      boolean mandatory,
      AMQP.BasicProperties props,
      byte[] body,
      long publishedNanos,
      int attempt) {}

  /** The session is gone; the reason is one line for people. */
  private static final class SessionLost extends RuntimeException {
    SessionLost(String reason) {
      super(reason, null, false, false);
    }
  }

  ConsumerLoop(
      WorkerConfig config,
      TaskHandler handler,
      WorkerStats stats,
      BrokerConnector connector,
      String connectionName,
      KindRouter computePool,
      UsageMeter usage) {
    this.config = config;
    this.handler = handler;
    this.stats = stats;
    this.connector = connector;
    this.connectionName = connectionName;
    this.computePool = computePool;
    this.usage = usage;
    this.topology = config.topology();
    this.tuner = new PrefetchTuner(config.threads(), config.ioConcurrency());
    this.downReason = "starting: connecting to " + config.brokerUrl();
  }

  // ---- called from other threads -----------------------------------------------------------

  /**
   * Waits until the first session consumes; throws what stopped it from starting (an unreachable
   * broker, refused credentials, a queue declared with other arguments).
   */
  void awaitStarted() throws InterruptedException {
    firstSession.await();
    RuntimeException failure = startFailure;
    if (failure != null) {
      throw failure;
    }
  }

  /** Asks the loop to stop: cancel the consumer, finish and ack what is in hand, close. */
  void stop() {
    mailbox.add(new Stop());
  }

  boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean drainedCleanly() {
    return drainedCleanly;
  }

  WorkerHealth health() {
    String down = downReason;
    if (down != null) {
      return WorkerHealth.down(down);
    }
    String blocked = blockedReason;
    if (blocked != null) {
      return WorkerHealth.down(
          "the broker blocks publishing (" + blocked + "): results wait until the alarm clears");
    }
    return WorkerHealth.up(
        "consuming '"
            + topology.taskQueue()
            + "' (prefetch "
            + prefetch
            + ", concurrency "
            + config.threads()
            + " + io "
            + config.ioConcurrency()
            + "), "
            + stats.inFlight()
            + " task(s) in hand");
  }

  // ---- the loop's thread ---------------------------------------------------------------------

  @Override
  public void run() {
    loopUsage = usage.current();
    Duration backoff = BrokerConnector.RECOVERY_INTERVAL;
    boolean first = true;
    try {
      while (true) {
        try {
          openSession(first ? config.connectRetry() : Duration.ZERO);
        } catch (RuntimeException e) {
          closeSession();
          if (first) {
            startFailure = e;
            firstSession.countDown();
            return;
          }
          downReason = TaskHandler.bounded(e.getMessage()) + "; trying again";
          log.warn(
              "{}; trying again in {} s", TaskHandler.bounded(e.getMessage()), backoff.toSeconds());
          if (stopRequestedWithin(backoff)) {
            return;
          }
          backoff = longer(backoff);
          continue;
        }
        first = false;
        firstSession.countDown();
        backoff = BrokerConnector.RECOVERY_INTERVAL;
        try {
          serve();
          return;
        } catch (SessionLost e) {
          String reason = TaskHandler.bounded(e.getMessage());
          downReason = reason + "; reconnecting";
          blockedReason = null;
          log.warn(
              "{}; dropping {} message(s) in hand (the broker hands them to others) and reconnecting",
              reason,
              acks.size());
          closeSession();
          forgetSession();
          if (stopping) {
            drainedCleanly = false;
            return;
          }
          if (stopRequestedWithin(backoff)) {
            return;
          }
          backoff = longer(backoff);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drainedCleanly = acks.isEmpty();
    } catch (RuntimeException | Error e) {
      // A defect in this loop itself: say so loudly, and exit non-zero so a supervisor restarts
      // the worker rather than leave a process that consumes nothing.
      log.error("the consumer loop failed; the worker stops", e);
      drainedCleanly = false;
      downReason = "consumer loop failed: " + TaskHandler.bounded(e.toString());
    } finally {
      closeSession();
      if (downReason == null) {
        downReason = "stopped";
      }
      firstSession.countDown();
      finished.countDown();
    }
  }

  private static Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  /** Waits out a back-off, still listening for a stop. */
  private boolean stopRequestedWithin(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LoopEvent event = mailbox.poll(left, TimeUnit.NANOSECONDS);
      if (event instanceof Stop) {
        downReason = "stopping";
        return true;
      }
      if (event instanceof Computed computed) {
        computed.results().forEach(this::finishedComputing);
      }
    }
  }

  private void openSession(Duration retry) {
    long id = ++sessionId;
    consumeConnection = connector.connectUnrecovered(connectionName, null, retry);
    publishConnection =
        connector.connectUnrecovered(
            connectionName.replace("worker", "worker-publish"), null, retry);
    topology.declare(consumeConnection);
    consumeConnection.addShutdownListener(cause -> lost(id, cause, "connection"));
    publishConnection.addShutdownListener(cause -> lost(id, cause, "publishing connection"));
    publishConnection.addBlockedListener(
        new BlockedListener() {
          @Override
          public void handleBlocked(String reason) {
            mailbox.add(new Blocked(id, TaskHandler.bounded(reason)));
          }

          @Override
          public void handleUnblocked() {
            mailbox.add(new LoopEvent.Unblocked(id));
          }
        });
    try {
      publishChannel = publishConnection.createChannel();
      publishChannel.confirmSelect();
      publishChannel.addShutdownListener(cause -> lost(id, cause, "publishing channel"));
      publishChannel.addConfirmListener(
          new ConfirmListener() {
            @Override
            public void handleAck(long seq, boolean multiple) {
              mailbox.add(new Confirmed(id, seq, multiple, true));
            }

            @Override
            public void handleNack(long seq, boolean multiple) {
              mailbox.add(new Confirmed(id, seq, multiple, false));
            }
          });
      publishChannel.addReturnListener(
          r ->
              mailbox.add(new Returned(id, r.getReplyCode(), r.getReplyText(), r.getRoutingKey())));
      consumeChannel = consumeConnection.createChannel();
      consumeChannel.addShutdownListener(cause -> lost(id, cause, "channel"));
      // Advertised before consuming, so a producer that sees this consumer sees its kinds.
      KindMarkers.open(consumeConnection, topology, config.kinds().names());
      prefetch = config.prefetch() > 0 ? config.prefetch() : tuner.initial();
      consume();
    } catch (IOException e) {
      throw new SessionLost(
          "cannot start consuming from '" + topology.taskQueue() + "': " + e.getMessage());
    }
    lastRetuneNanos = System.nanoTime();
    downReason = null;
    log.info(
        "consuming '{}' ({}), prefetch {}{}, concurrency {}",
        topology.taskQueue(),
        topology.queueType().argument(),
        prefetch,
        config.prefetch() > 0 ? "" : " (tuned from measurements)",
        config.threads());
  }

  /**
   * Subscribes with the current prefetch. Each subscription has a tag of its own, never reused:
   * RabbitMQ 3.10 closes the channel (541) when a quorum queue consumer is cancelled with
   * deliveries in flight and another subscribes at once under the same tag (rabbitmq-server#5927),
   * which a prefetch going 200, 41, 200 used to do.
   */
  private void consume() throws IOException {
    long id = sessionId;
    consumeChannel.basicQos(prefetch);
    consumerTag =
        consumeChannel.basicConsume(
            topology.taskQueue(),
            false,
            consumerTag(connectionName, id, ++subscriptions, prefetch),
            new DefaultConsumer(consumeChannel) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                mailbox.add(
                    new Delivery(
                        id, envelope.getDeliveryTag(), props, body, envelope.isRedeliver()));
              }

              @Override
              public void handleCancelOk(String tag) {
                mailbox.add(new CancelOk(id));
              }

              @Override
              public void handleCancel(String tag) {
                mailbox.add(
                    new Lost(
                        id,
                        "the broker cancelled the consumer of '"
                            + topology.taskQueue()
                            + "' (the queue was deleted, or its leader moved)"));
              }
            });
  }

  /** A subscription's tag: who, which session, which subscription of it, with what prefetch. */
  static String consumerTag(String connectionName, long session, int subscription, int prefetch) {
    return connectionName.replace(' ', '-').replace(':', '-')
        + "-"
        + session
        + "-"
        + subscription
        + "-prefetch-"
        + prefetch;
  }

  private void lost(long id, ShutdownSignalException cause, String what) {
    if (cause.isInitiatedByApplication()) {
      return;
    }
    Object reason = cause.getReason();
    String text;
    if (reason instanceof AMQP.Channel.Close close) {
      text = what + " closed by the broker: " + close.getReplyCode() + " " + close.getReplyText();
    } else if (reason instanceof AMQP.Connection.Close close) {
      text = what + " closed by the broker: " + close.getReplyCode() + " " + close.getReplyText();
    } else {
      text = what + " lost: " + cause.getMessage();
    }
    mailbox.add(new Lost(id, TaskHandler.bounded(text)));
  }

  private void serve() throws InterruptedException {
    int sinceFlush = 0;
    while (true) {
      long wait = Math.min(nanosUntilDue(), TimeUnit.MILLISECONDS.toNanos(100));
      LoopEvent event = wait <= 0 ? mailbox.poll() : mailbox.poll(wait, TimeUnit.NANOSECONDS);
      // Busy from here: what is not (de)serializing is messaging (the loop only talks to the
      // broker and keeps its books).
      long busySince = System.nanoTime();
      long codecBefore = loopUsage.codecNanos();
      if (event != null) {
        handle(event);
      }
      publishDueResults();
      if (mailbox.isEmpty() || ++sinceFlush >= ACK_EVERY_EVENTS) {
        flushAcks();
        sinceFlush = 0;
        retunePrefetch();
      }
      loopUsage.messaging(System.nanoTime() - busySince - (loopUsage.codecNanos() - codecBefore));
      if (stopping) {
        if (cancelled && acks.isEmpty()) {
          drainedCleanly = true;
          return;
        }
        if (System.nanoTime() > stopDeadlineNanos) {
          log.warn(
              "{} message(s) still in hand after {}; they go back to the queue",
              acks.size(),
              config.shutdownTimeout());
          drainedCleanly = false;
          return;
        }
      }
    }
  }

  private void handle(LoopEvent event) {
    if (event instanceof Delivery d) {
      if (d.session() == sessionId) {
        onDelivery(d);
      }
    } else if (event instanceof Computed c) {
      onComputed(c);
    } else if (event instanceof Confirmed c) {
      if (c.session() == sessionId) {
        onConfirmed(c);
      }
    } else if (event instanceof Returned r) {
      if (r.session() == sessionId) {
        onReturned(r);
      }
    } else if (event instanceof CancelOk c) {
      if (c.session() == sessionId && stopping) {
        cancelled = true;
      }
    } else if (event instanceof Lost l) {
      if (l.session() == sessionId) {
        throw new SessionLost(l.reason());
      }
    } else if (event instanceof Blocked b) {
      if (b.session() == sessionId) {
        blockedReason = b.reason();
        log.warn(
            "the broker blocks publishing ({}): results wait until the alarm clears", b.reason());
      }
    } else if (event instanceof Unblocked u) {
      if (u.session() == sessionId && blockedReason != null) {
        blockedReason = null;
        log.info("the broker unblocked publishing; results flow again");
      }
    } else if (event instanceof Stop) {
      beginStop();
    }
  }

  private void beginStop() {
    if (stopping) {
      return;
    }
    stopping = true;
    downReason = "stopping";
    stopDeadlineNanos = System.nanoTime() + config.shutdownTimeout().toNanos();
    try {
      consumeChannel.basicCancel(consumerTag);
    } catch (IOException | ShutdownSignalException e) {
      throw new SessionLost("cannot cancel the consumer: " + e.getMessage());
    }
  }

  // ---- deliveries ----------------------------------------------------------------------------

  private void onDelivery(Delivery d) {
    InFlight message = null;
    try {
      String replyTo = d.props().getReplyTo();
      if (replyTo != null && replyTo.startsWith("amq.rabbitmq.reply-to")) {
        message = new InFlight(d.tag(), d.props(), null, false, d.redelivered());
        acks.add(message);
        deadLetter(
            message,
            d,
            "reply_to is RabbitMQ's direct reply-to, which only works on the "
                + "publisher's own channel: name a queue instead");
        return;
      }
      long decodeStart = System.nanoTime();
      TaskHandler.Decoded decoded =
          handler.decode(d.body(), d.props().getContentType(), d.redelivered());
      loopUsage.codec(System.nanoTime() - decodeStart);
      if (decoded instanceof TaskHandler.Decoded.Bad bad) {
        message = new InFlight(d.tag(), d.props(), bad.codec(), false, d.redelivered());
        acks.add(message);
        deadLetter(message, d, bad.reason());
        if (bad.failedReply() != null && usableReplyTo(replyTo)) {
          publish(message, "", replyTo, true, resultProps(message), bad.failedReply(), 1);
        }
        return;
      }
      TaskHandler.Decoded.Tasks tasks = (TaskHandler.Decoded.Tasks) decoded;
      TaskMessage content = tasks.message();
      // A half of a split chunk: its tasks were delivered before, in the chunk that came back.
      boolean again = d.redelivered() || intHeader(d.props(), SPLIT_HEADER) > 0;
      message = new InFlight(d.tag(), d.props(), tasks.codec(), content.chunk(), again);
      acks.add(message);
      if (replyQueueGone(replyTo)) {
        stats.skipped(content.size());
        return;
      }
      if (d.redelivered() && content.chunk() && content.tasks().size() > 1) {
        split(message, d, content);
        return;
      }
      long now = System.nanoTime();
      for (TaskMessage.RejectedTask rejected : content.rejected()) {
        message.add(
            handler.rejectedResult(
                content.runId(), rejected.taskId(), rejected.reason(), d.redelivered()),
            now);
        stats.rejectedInChunk();
        withUnsent.add(message);
      }
      compute(message, content.tasks(), tasks.decodeNanos(), d.redelivered(), again);
    } catch (SessionLost e) {
      throw e;
    } catch (RuntimeException | Error e) {
      contained(d, message, e);
    }
  }

  /**
   * Hands a message's tasks to the compute threads: the cpu-bound ones as one batch run by up to
   * one runner per cpu thread, the I/O-bound ones by up to one per I/O slot.
   */
  private void compute(
      InFlight message, List<Task> all, long decodeNanos, boolean redelivered, boolean again) {
    if (all.isEmpty()) {
      return;
    }
    List<Task> cpu = new ArrayList<>(all.size());
    List<Task> io = new ArrayList<>();
    for (Task task : all) {
      (computePool.ioBound(task) ? io : cpu).add(task);
    }
    long decodeShare = decodeNanos / all.size();
    message.computing(all.size());
    stats.started(all.size(), again);
    long session = sessionId;
    if (!io.isEmpty()) {
      tuner.sawIo();
      // Each I/O task is passed on as soon as it ends: a runner may next wait for a long time,
      // and the results it holds must not wait with it.
      TaskBatch batch = batch(message, io, decodeShare, redelivered, session, 0);
      for (int r = Math.min(config.ioConcurrency(), io.size()); r > 0; r--) {
        computePool.executeIo(batch.runner());
      }
    }
    if (!cpu.isEmpty()) {
      TaskBatch batch =
          batch(message, cpu, decodeShare, redelivered, session, STREAM_INTERVAL.toNanos());
      for (int r = Math.min(config.threads(), cpu.size()); r > 0; r--) {
        computePool.executeCpu(batch.runner());
      }
    }
  }

  private TaskBatch batch(
      InFlight owner,
      List<Task> tasks,
      long decodeShare,
      boolean redelivered,
      long session,
      long streamNanos) {
    return new TaskBatch(
        tasks,
        handler,
        decodeShare,
        redelivered,
        usage,
        streamNanos,
        results -> mailbox.add(new Computed(session, owner, results)));
  }

  /**
   * Something unexpected while handling one message: it goes to the dead-letter queue with the
   * reason, and the loop goes on.
   */
  private void contained(Delivery d, InFlight partial, Throwable e) {
    stats.containedError();
    String reason = TaskHandler.bounded("internal error while handling this message: " + e);
    log.error("{} (message {})", reason, TaskHandler.bounded(d.props().getCorrelationId()), e);
    InFlight fresh = new InFlight(d.tag(), d.props(), null, false, d.redelivered());
    if (partial != null) {
      withUnsent.remove(partial);
    }
    acks.add(fresh);
    deadLetter(fresh, d, reason);
  }

  private void onComputed(Computed c) {
    c.results().forEach(this::finishedComputing);
    InFlight message = c.message();
    if (c.session() != sessionId || acks.get(message.tag) != message) {
      return;
    }
    long now = System.nanoTime();
    for (TaskResult result : c.results()) {
      message.computed(result, now);
    }
    if (message.allComputed()) {
      tuner.messageComputed(message.computeNanos(), message.computedTasks());
    }
    withUnsent.add(message);
  }

  private void finishedComputing(TaskResult result) {
    long nanos = result.timings().computeNanos();
    stats.finished(result.isOk() ? Outcome.completed(null, nanos) : Outcome.failed(null, nanos));
  }

  /**
   * A chunk that came back: its worker died or lost its connection holding it. Rather than risk all
   * of it again, publish it again in two halves, so a task that kills its worker is narrowed down
   * to itself while the others complete.
   */
  private void split(InFlight message, Delivery d, TaskMessage content) {
    List<Task> tasks = content.tasks();
    int half = tasks.size() / 2;
    int depth = intHeader(d.props(), SPLIT_HEADER) + 1;
    Map<String, Object> headers = boundedHeaders(d.props().getHeaders());
    headers.put(SPLIT_HEADER, depth);
    AMQP.BasicProperties props =
        d.props().builder().headers(headers).deliveryMode(2).type("chunk").build();
    for (List<Task> part : List.of(tasks.subList(0, half), tasks.subList(half, tasks.size()))) {
      long encodeStart = System.nanoTime();
      byte[] body = message.codec.encodeChunk(part);
      loopUsage.codec(System.nanoTime() - encodeStart);
      publish(message, "", topology.taskQueue(), true, props, body, 1);
    }
    long now = System.nanoTime();
    for (TaskMessage.RejectedTask rejected : content.rejected()) {
      message.add(
          handler.rejectedResult(content.runId(), rejected.taskId(), rejected.reason(), true), now);
      withUnsent.add(message);
    }
    stats.split();
    log.info(
        "a chunk of {} task(s) came back redelivered: published again as {} + {} to narrow down a"
            + " task that kills its worker",
        tasks.size(),
        half,
        tasks.size() - half);
  }

  private static int intHeader(AMQP.BasicProperties props, String name) {
    Object value = props.getHeaders() == null ? null : props.getHeaders().get(name);
    return value instanceof Number n ? (int) Math.min(1_000, Math.max(0, n.longValue())) : 0;
  }

  private void deadLetter(InFlight message, Delivery d, String reason) {
    stats.deadLetteredMessage();
    log.warn(
        "dead-lettering message {}: {}", TaskHandler.bounded(d.props().getCorrelationId()), reason);
    Map<String, Object> headers = boundedHeaders(d.props().getHeaders());
    headers.put(Topology.REASON_HEADER, reason);
    AMQP.BasicProperties props =
        d.props().builder().headers(headers).deliveryMode(2).expiration(null).build();
    publish(
        message, topology.deadLetterExchange(), topology.taskQueue(), false, props, d.body(), 1);
  }

  /**
   * The message's own headers, unless they are so large that they and the reason might not fit in
   * one frame: then a note says how many were left out.
   */
  private static Map<String, Object> boundedHeaders(Map<String, Object> original) {
    Map<String, Object> headers = new HashMap<>();
    if (original == null) {
      return headers;
    }
    long size = 0;
    for (Map.Entry<String, Object> e : original.entrySet()) {
      size += e.getKey().length() + String.valueOf(e.getValue()).length() + 8;
      if (size > MAX_COPIED_HEADER_CHARS) {
        Map<String, Object> note = new HashMap<>();
        note.put(
            "x-taskfleet-headers-dropped",
            original.size()
                + " header(s), too large to copy (over "
                + MAX_COPIED_HEADER_CHARS
                + " characters)");
        return note;
      }
    }
    headers.putAll(original);
    return headers;
  }

  // ---- results, confirms, acks --------------------------------------------------------------

  private long nanosUntilDue() {
    if (blockedReason != null || withUnsent.isEmpty()) {
      return Long.MAX_VALUE;
    }
    long now = System.nanoTime();
    long soonest = Long.MAX_VALUE;
    for (InFlight message : withUnsent) {
      if (message.resultsDue(now, flushNanos)) {
        return 0;
      }
      soonest = Math.min(soonest, message.nanosUntilDue(now, flushNanos));
    }
    return soonest;
  }

  private void publishDueResults() {
    if (blockedReason != null || withUnsent.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    Iterator<InFlight> it = withUnsent.iterator();
    while (it.hasNext()) {
      InFlight message = it.next();
      if (message.resultsDue(now, flushNanos)) {
        publishResults(message, message.takeUnsent());
      }
      if (!message.hasUnsent()) {
        it.remove();
      }
    }
  }

  private void publishResults(InFlight message, List<TaskResult> all) {
    // A long chunk's results go in several messages, so no results message, and no consumer's
    // prefetch of them, is larger than it has to be.
    for (int from = 0; from < all.size(); from += MAX_RESULTS_PER_MESSAGE) {
      publishResultsMessage(
          message, all.subList(from, Math.min(all.size(), from + MAX_RESULTS_PER_MESSAGE)));
    }
  }

  private void publishResultsMessage(InFlight message, List<TaskResult> results) {
    String replyTo = message.replyTo();
    if (!usableReplyTo(replyTo)) {
      if (noReplyToWarnings++ < 10) {
        log.warn(
            "message {} has no reply_to; its {} result(s) are dropped",
            TaskHandler.bounded(message.props.getCorrelationId()),
            results.size());
      }
      return;
    }
    long encodeStart = System.nanoTime();
    byte[] body =
        TaskHandler.encodeAnswer(message.codec, results, message.chunk, encodeNanosPerResult);
    long encodeNanos = System.nanoTime() - encodeStart;
    loopUsage.codec(encodeNanos);
    encodeNanosPerResult = encodeNanos / results.size();
    publish(message, "", replyTo, true, resultProps(message), body, 1);
  }

  /**
   * Whether a reply queue the broker said is gone is still gone. Checked anew for every message
   * that names it (a passive declare on a channel kept for it): its producer may have declared it
   * again and published the tasks again, and skipping one of those would lose it.
   */
  private boolean replyQueueGone(String replyTo) {
    long now = System.nanoTime();
    if (!gone.isGone(replyTo, now)) {
      return false;
    }
    try {
      if (probeChannel == null || !probeChannel.isOpen()) {
        probeChannel = consumeConnection.createChannel();
      }
      probeChannel.queueDeclarePassive(replyTo);
      gone.forget(replyTo);
      log.info(
          "reply queue '{}' exists again; its tasks are computed", TaskHandler.bounded(replyTo));
      return false;
    } catch (IOException | ShutdownSignalException e) {
      // 404: the broker closed the probe channel; another is opened for the next check.
      probeChannel = null;
      return true;
    }
  }

  private static boolean usableReplyTo(String replyTo) {
    return replyTo != null && !replyTo.isBlank();
  }

  /**
   * A result message's properties, with the worker's usage so far in its headers when one is due
   * ({@link UsageCadence}). The worker is idle when no task computes and no delivery waits in the
   * mailbox (confirms may: they bring no work), so the last message of a burst carries one.
   */
  private AMQP.BasicProperties resultProps(InFlight message) {
    boolean idle = idle(stats.inFlight(), mailbox);
    return new AMQP.BasicProperties.Builder()
        .headers(usageCadence.due(System.nanoTime(), idle) ? usage.snapshot().toHeaders() : null)
        .contentType(message.codec == null ? "application/json" : message.codec.contentType())
        .correlationId(message.props.getCorrelationId())
        .deliveryMode(2)
        .type(message.chunk ? "results" : null)
        .build();
  }

  /**
   * Whether the worker has nothing to do: no task computing and no delivery waiting. Other events
   * (confirms above all, which arrive while the last results are published) bring no work.
   */
  static boolean idle(int tasksComputing, Collection<LoopEvent> waiting) {
    return tasksComputing == 0 && waiting.stream().noneMatch(Delivery.class::isInstance);
  }

  private void publish(
      InFlight owner,
      String exchange,
      String routingKey,
      boolean mandatory,
      AMQP.BasicProperties props,
      byte[] body,
      int attempt) {
    long seq = publishChannel.getNextPublishSeqNo();
    try {
      publishChannel.basicPublish(exchange, routingKey, mandatory, props, body);
    } catch (IOException | ShutdownSignalException e) {
      throw new SessionLost("publishing failed: " + e.getMessage());
    }
    unconfirmed.put(
        seq,
        new Pending(
            owner, exchange, routingKey, mandatory, props, body, System.nanoTime(), attempt));
    owner.published();
  }

  private void onConfirmed(Confirmed c) {
    Map<Long, Pending> settled =
        c.multiple()
            ? unconfirmed.headMap(c.seq(), true)
            : unconfirmed.subMap(c.seq(), true, c.seq(), true);
    long now = System.nanoTime();
    List<Pending> pending = List.copyOf(settled.values());
    settled.clear();
    for (Pending p : pending) {
      if (c.ack() || p.attempt() >= MAX_PUBLISH_ATTEMPTS) {
        if (!c.ack()) {
          stats.publishFailed();
          log.error(
              "the broker refused a publish to '{}' {} times; giving up on it",
              TaskHandler.bounded(p.routingKey()),
              p.attempt());
        } else {
          tuner.roundTrip(now - p.publishedNanos());
        }
        p.owner().confirmed();
      } else {
        p.owner().confirmed();
        publish(
            p.owner(),
            p.exchange(),
            p.routingKey(),
            p.mandatory(),
            p.props(),
            p.body(),
            p.attempt() + 1);
      }
    }
  }

  private void onReturned(Returned r) {
    // The confirm that follows settles the publish: a result nobody can receive is not retried.
    if (r.routingKey().equals(topology.taskQueue())) {
      log.error(
          "the task queue '{}' is gone: a split chunk came back ({} {})",
          topology.taskQueue(),
          r.replyCode(),
          r.replyText());
      return;
    }
    stats.orphaned(1);
    if (gone.markGone(r.routingKey(), System.nanoTime())) {
      log.warn(
          "results for '{}' came back unroutable ({}): its producer is gone; tasks naming it are"
              + " skipped for {} s",
          TaskHandler.bounded(r.routingKey()),
          r.replyText(),
          GoneReplyQueues.REMEMBERED.toSeconds());
    }
  }

  private void flushAcks() {
    acks.flush(
        (tag, multiple) -> {
          try {
            consumeChannel.basicAck(tag, multiple);
          } catch (IOException | ShutdownSignalException e) {
            throw new SessionLost("acknowledging failed: " + e.getMessage());
          }
        });
  }

  /**
   * With no prefetch set by the user, consume again with the one the measurements call for, when it
   * differs enough from the current one ({@link PrefetchTuner#next}), at most every 2 s. Messages
   * in hand stay valid on the channel.
   */
  private void retunePrefetch() {
    if (config.prefetch() > 0 || stopping) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastRetuneNanos < TimeUnit.SECONDS.toNanos(2) && !tuner.ioJustSeen()) {
      return;
    }
    lastRetuneNanos = now;
    int wanted = tuner.next(prefetch);
    if (wanted != prefetch) {
      try {
        consumeChannel.basicCancel(consumerTag);
        log.info(
            "prefetch {} -> {} (from the measured round trip and compute time)", prefetch, wanted);
        prefetch = wanted;
        consume();
      } catch (IOException | ShutdownSignalException e) {
        throw new SessionLost("cannot consume again with a new prefetch: " + e.getMessage());
      }
    }
  }

  private void forgetSession() {
    acks.clear();
    unconfirmed.clear();
    withUnsent.clear();
  }

  private void closeSession() {
    for (Connection connection : new Connection[] {consumeConnection, publishConnection}) {
      if (connection != null) {
        try {
          connection.close(5_000);
        } catch (IOException | RuntimeException e) {
          log.debug("closing a connection: {}", e.toString());
        }
      }
    }
    consumeConnection = null;
    publishConnection = null;
    probeChannel = null;
  }
}
