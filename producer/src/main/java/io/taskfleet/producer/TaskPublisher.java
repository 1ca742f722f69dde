package io.taskfleet.producer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.protocol.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes tasks, persistent, with publisher confirms and a bounded window of unconfirmed tasks:
 * when the window is full, publishing waits for confirms (back-pressure, not an ever-growing
 * buffer). A task the broker nacks, or that was unconfirmed when the connection was lost, is
 * published again; the worker side and the result de-duplication make that safe.
 *
 * <p>The channel is used by the publishing thread only; the confirm and recovery callbacks touch
 * nothing but this object's state, under its lock.
 *
 * <p>Sequence numbers restart on the channel that automatic recovery opens, so a number means
 * nothing without the channel generation it was taken on. Each unconfirmed entry remembers its
 * generation; recovery starts a new generation and hands every older entry back for publishing
 * again, including one whose number was taken on the old channel while the recovery was under way.
 * Publishing a task twice is harmless (results are de-duplicated by task id); losing one is not.
 */
final class TaskPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TaskPublisher.class);

  private final Connection connection;
  private Channel channel;
  private final Codec codec;
  private final String taskQueue;
  private final String replyTo;
  private final int window;
  private final LongFunction<Task> taskFactory;
  private final long[] firstPublishNanos;
  private final NavigableMap<Long, Range> unconfirmed = new TreeMap<>();
  private final ChunkPlanner planner;
  private final String expiration;
  private final Consumer<String> onReturned;

  /** Tasks {@code from .. from + size - 1}, published in one message. */
  private record Range(long from, int size) {}

  /** Recoveries so far: the generation of the channel that sequence numbers now come from. */
  private long generation;

  private final Deque<Long> toRepublish = new ArrayDeque<>();
  private long republished;
  private long encodeNanosTotal;
  private long bodyBytesTotal;
  private long bodies;
  private boolean stopped;
  private SegmentRecorder segments;

  TaskPublisher(
      Connection connection,
      Codec codec,
      String taskQueue,
      String replyTo,
      int window,
      LongFunction<Task> taskFactory,
      long[] firstPublishNanos,
      ChunkPlanner planner,
      Duration expiration,
      Consumer<String> onReturned) {
    this.connection = connection;
    this.planner = planner;
    this.expiration = Long.toString(Math.max(1, expiration.toMillis()));
    this.onReturned = onReturned;
    this.codec = codec;
    this.taskQueue = taskQueue;
    this.replyTo = replyTo;
    this.window = window;
    this.taskFactory = taskFactory;
    this.firstPublishNanos = firstPublishNanos;
  }

  /** Also records each task's encode time and publish-to-confirm time. */
  synchronized TaskPublisher recordingSegments(SegmentRecorder recorder) {
    this.segments = recorder;
    return this;
  }

  /** Opens the channel; called on the publishing thread, which alone uses it. */
  private void open() {
    try {
      channel = connection.createChannel();
      channel.confirmSelect();
    } catch (IOException e) {
      throw new FleetException("cannot open the publishing channel: " + e.getMessage(), e);
    }
    channel.addConfirmListener(
        new ConfirmListener() {
          @Override
          public void handleAck(long seq, boolean multiple) {
            confirmed(seq, multiple, false);
          }

          @Override
          public void handleNack(long seq, boolean multiple) {
            confirmed(seq, multiple, true);
          }
        });
    if (channel instanceof Recoverable recoverable) {
      recoverable.addRecoveryListener(
          new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable r) {
              requeueUnconfirmed();
            }

            @Override
            public void handleRecoveryStarted(Recoverable r) {
              // The new channel is in place but not yet in confirm mode: whatever the old one
              // left unconfirmed will never be confirmed.
              requeueUnconfirmed();
            }
          });
    }
    channel.addReturnListener(
        r ->
            onReturned.accept(
                "the broker returned a task: "
                    + r.getReplyCode()
                    + " "
                    + r.getReplyText()
                    + " (does queue '"
                    + r.getRoutingKey()
                    + "' exist?)"));
  }

  /**
   * Publishes tasks 0..count-1 in messages of the sizes the planner chooses, then goes on
   * republishing until {@link #stop()}, then closes the channel: this thread alone uses it.
   */
  void publishAll(int count) throws InterruptedException {
    open();
    try {
      long next = 0;
      while (next < count && !isStopped()) {
        for (Long again = pollRepublish(false); again != null; again = pollRepublish(false)) {
          publish(again, 1);
        }
        int size = planner.next((int) (count - next));
        publish(next, size);
        next += size;
      }
      for (Long again = pollRepublish(true); again != null; again = pollRepublish(true)) {
        publish(again, 1);
      }
    } finally {
      closeChannel();
    }
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  /** The next task to publish again; null when there is none (or, when blocking, once stopped). */
  private synchronized Long pollRepublish(boolean block) throws InterruptedException {
    while (block && toRepublish.isEmpty() && !stopped) {
      wait();
    }
    Long id = stopped ? null : toRepublish.poll();
    if (id != null) {
      republished++;
    }
    return id;
  }

  private void publish(long id, int size) throws InterruptedException {
    long start = System.nanoTime();
    List<Task> tasks = new ArrayList<>(size);
    for (long t = id; t < id + size; t++) {
      tasks.add(taskFactory.apply(t));
    }
    Task task = tasks.get(0);
    // One task travels in the original single-task message, which every client understands.
    byte[] body = size == 1 ? codec.encodeTask(task) : codec.encodeChunk(tasks);
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder()
            .contentType(codec.contentType())
            .deliveryMode(2)
            .correlationId(Long.toString(id))
            .replyTo(replyTo)
            .type(size == 1 ? task.kind() : "chunk")
            .timestamp(new Date(task.createdAtEpochMs()))
            .expiration(expiration)
            .build();
    long encoded = System.nanoTime();
    planner.bodyBytesPerTask(body.length / size);
    Range range = new Range(id, size);
    long seq;
    long takenIn;
    synchronized (this) {
      encodeNanosTotal += encoded - start;
      bodyBytesTotal += body.length;
      bodies++;
      bodies += size - 1;
      if (segments != null) {
        for (int i = 0; i < size; i++) {
          segments.encoded((encoded - start) / size);
        }
      }
      while (unconfirmed.size() >= window && !stopped) {
        wait();
      }
      if (stopped) {
        return;
      }
      seq = channel.getNextPublishSeqNo();
      takenIn = generation;
      Range clash = unconfirmed.put(seq, range);
      if (clash != null) {
        // A number of the old channel met the same number on the new one: keep both.
        addAll(clash);
      }
      long now = System.nanoTime();
      for (long t = id; t < id + size; t++) {
        if (firstPublishNanos[(int) t] == 0) {
          firstPublishNanos[(int) t] = now;
        }
      }
    }
    try {
      // Not under the lock: a slow socket must not hold up the confirm callbacks. Mandatory: a
      // task queue that is gone is an error, not a silent loss.
      channel.basicPublish("", taskQueue, true, props, body);
    } catch (IOException | RuntimeException e) {
      // The connection is down; recovery hands these tasks back through requeueUnconfirmed.
      log.debug("publishing tasks from {} failed: {}", id, e.toString());
      waitForRecovery();
    }
    settleAcrossRecovery(seq, takenIn, range);
  }

  private void addAll(Range range) {
    for (long t = range.from(); t < range.from() + range.size(); t++) {
      toRepublish.add(t);
    }
  }

  /**
   * A recovery that started after the sequence number was taken may have gone by without this entry
   * (the number belongs to the old channel, or was taken on the new one before the recovery
   * listener ran): make sure the task is published again rather than trusting a confirm that cannot
   * be matched to it.
   */
  private synchronized void settleAcrossRecovery(long seq, long takenIn, Range range) {
    if (takenIn != generation && !stopped) {
      if (unconfirmed.remove(seq, range) || !toRepublish.contains(range.from())) {
        addAll(range);
      }
      notifyAll();
    }
  }

  private synchronized void waitForRecovery() throws InterruptedException {
    while (!channel.isOpen() && !stopped) {
      wait(100);
    }
  }

  private synchronized void confirmed(long seq, boolean multiple, boolean nacked) {
    Map<Long, Range> settled =
        multiple ? unconfirmed.headMap(seq, true) : unconfirmed.subMap(seq, true, seq, true);
    if (nacked) {
      log.warn("broker nacked {} message(s) of tasks; publishing them again", settled.size());
      settled.values().forEach(this::addAll);
    } else if (segments != null) {
      long now = System.nanoTime();
      for (Range range : settled.values()) {
        for (long id = range.from(); id < range.from() + range.size(); id++) {
          segments.confirmed(now - firstPublishNanos[(int) id]);
        }
      }
    }
    settled.clear();
    notifyAll();
  }

  private synchronized void requeueUnconfirmed() {
    generation++;
    if (!unconfirmed.isEmpty()) {
      log.info("channel recovery; publishing {} unconfirmed message(s) again", unconfirmed.size());
      unconfirmed.values().forEach(this::addAll);
      unconfirmed.clear();
    }
    notifyAll();
  }

  /** Publishes a task again, as when its result was lost. */
  synchronized void republish(long id) {
    toRepublish.add(id);
    notifyAll();
  }

  synchronized long republished() {
    return republished;
  }

  /** Mean size of the task bodies published, in bytes; 0 before the first. */
  synchronized double meanBodyBytes() {
    return bodies == 0 ? 0 : bodyBytesTotal / (double) bodies;
  }

  synchronized long encodeNanosTotal() {
    return encodeNanosTotal;
  }

  synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  /** Stops publishing; the publishing thread then closes its channel. */
  @Override
  public void close() {
    stop();
  }

  private void closeChannel() {
    try {
      if (channel != null && channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
      log.debug("closing the publishing channel: {}", e.toString());
    }
  }
}
