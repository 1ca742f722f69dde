package io.taskfleet.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.protocol.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the tasks of every run in flight, persistent, with publisher confirms and a bounded
 * window of unconfirmed messages: when the window is full, publishing waits for confirms
 * (back-pressure, not an ever-growing buffer). A message the broker nacks, or that was unconfirmed
 * when the connection was lost, is published again; the worker side and the result de-duplication
 * make that safe. Runs take turns, a message each, so a single task is not stuck behind a big map.
 *
 * <p>The channel is opened, used and closed by the publishing thread ({@link #run()}) alone; the
 * confirm and recovery callbacks and the other threads touch nothing but this object's state, under
 * its lock.
 *
 * <p>Sequence numbers restart on the channel that automatic recovery opens, so a number means
 * nothing without the channel generation it was taken on. Each unconfirmed entry remembers its
 * generation; recovery starts a new generation and hands every older entry back for publishing
 * again, including one whose number was taken on the old channel while the recovery was under way.
 * Publishing a task twice is harmless (results are de-duplicated by task id); losing one is not.
 */
final class TaskPublisher implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TaskPublisher.class);

  private final Connection connection;
  private Channel channel;
  private final Codec codec;
  private final String taskQueue;
  private final String replyTo;
  private final int window;
  private final NavigableMap<Long, Range> unconfirmed = new TreeMap<>();
  private final String expiration;
  private final Consumer<String> onReturned;
  private final Set<Outgoing> active = new LinkedHashSet<>();

  /** Tasks {@code from .. from + size - 1} of a run, published in one message. */
  private record Range(Outgoing run, int from, int size) {}

  /** What to publish next: {@code size} 0 means a new message of the planner's size. */
  private record Step(Outgoing run, int from, int size) {}

  /** Recoveries so far: the generation of the channel that sequence numbers now come from. */
  private long generation;

  private boolean stopped;
  private final Object opened = new Object();
  private IOException openFailure;
  private boolean openDone;

  TaskPublisher(
      Connection connection,
      Codec codec,
      String taskQueue,
      String replyTo,
      int window,
      Duration expiration,
      Consumer<String> onReturned) {
    this.connection = connection;
    this.expiration = Long.toString(Math.max(1, expiration.toMillis()));
    this.onReturned = onReturned;
    this.codec = codec;
    this.taskQueue = taskQueue;
    this.replyTo = replyTo;
    this.window = window;
  }

  /** Opens the channel; called on the publishing thread, which alone uses it. */
  private void open() throws IOException {
    channel = connection.createChannel();
    channel.confirmSelect();
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

  /** Waits until the publishing thread has its channel; throws what opening it threw. */
  void awaitOpen() throws IOException, InterruptedException {
    synchronized (opened) {
      while (!openDone) {
        opened.wait();
      }
      if (openFailure != null) {
        throw openFailure;
      }
    }
  }

  /**
   * The publishing thread: opens the channel, publishes the runs' tasks and what must go again
   * until {@link #close()}, then closes the channel.
   */
  @Override
  public void run() {
    try {
      try {
        open();
      } catch (IOException | RuntimeException e) {
        synchronized (opened) {
          openFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return;
      } finally {
        synchronized (opened) {
          openDone = true;
          opened.notifyAll();
        }
      }
      for (Step step = nextStep(); step != null; step = nextStep()) {
        Outgoing run = step.run();
        if (step.size() > 0) {
          publish(run, step.from(), step.size());
        } else {
          int size = run.planner.next(run.count - run.next);
          run.next += size;
          publish(run, step.from(), size);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeChannel();
    }
  }

  /** Starts publishing the tasks of {@code run}. */
  synchronized void add(Outgoing run) {
    active.add(run);
    notifyAll();
  }

  /** Stops publishing the tasks of {@code run}: it ended. */
  synchronized void remove(Outgoing run) {
    active.remove(run);
    run.toRepublish.clear();
    notifyAll();
  }

  /** Publishes a task again, as when its result was lost. */
  synchronized void republish(Outgoing run, int id) {
    if (active.contains(run)) {
      run.toRepublish.add(id);
      notifyAll();
    }
  }

  /**
   * What to publish next, copies first, then a new message of the runs in turn; waits while there
   * is nothing; null once stopped.
   */
  private synchronized Step nextStep() throws InterruptedException {
    while (!stopped) {
      for (Outgoing run : active) {
        Integer again = run.toRepublish.poll();
        if (again != null) {
          run.republishing();
          return new Step(run, again, 1);
        }
      }
      for (Outgoing run : active) {
        if (run.next < run.count) {
          // To the back of the line: the runs take turns.
          active.remove(run);
          active.add(run);
          return new Step(run, run.next, 0);
        }
      }
      wait();
    }
    return null;
  }

  private void publish(Outgoing run, int id, int size) throws InterruptedException {
    long start = System.nanoTime();
    List<Task> tasks = new ArrayList<>(size);
    for (int t = id; t < id + size; t++) {
      tasks.add(run.tasks.apply(t));
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
    run.planner.bodyBytesPerTask(body.length / size);
    run.published(body.length, size);
    for (int i = 0; i < size; i++) {
      run.listener.encoded((encoded - start) / size);
    }
    Range range = new Range(run, id, size);
    long seq;
    long takenIn;
    synchronized (this) {
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
      for (int t = id; t < id + size; t++) {
        if (run.publishNanos[t] == 0) {
          run.publishNanos[t] = now;
        }
      }
    }
    try {
      // Not under the lock: a slow socket must not hold up the confirm callbacks. Mandatory: a
      // task queue that is gone is an error, not a silent loss.
      channel.basicPublish("", taskQueue, true, props, body);
    } catch (IOException | RuntimeException e) {
      // The connection is down; recovery hands these tasks back through requeueUnconfirmed.
      log.debug("publishing tasks of {} from {} failed: {}", run.runId, id, e.toString());
      waitForRecovery();
    }
    settleAcrossRecovery(seq, takenIn, range);
  }

  /** Hands the tasks of {@code range} back for publishing, unless their run has ended. */
  private void addAll(Range range) {
    if (!active.contains(range.run())) {
      return;
    }
    for (int t = range.from(); t < range.from() + range.size(); t++) {
      range.run().toRepublish.add(t);
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
      if (unconfirmed.remove(seq, range) || !range.run().toRepublish.contains(range.from())) {
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
    } else {
      long now = System.nanoTime();
      for (Range range : settled.values()) {
        Outgoing run = range.run();
        for (int id = range.from(); id < range.from() + range.size(); id++) {
          run.listener.confirmed(now - run.publishNanos[id]);
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

  /** Stops publishing; the publishing thread then closes its channel. Idempotent. */
  @Override
  public synchronized void close() {
    stopped = true;
    notifyAll();
  }

  private void closeChannel() {
    try {
      if (channel != null && channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.debug("closing the publishing channel: {}", e.toString());
    }
  }
}
