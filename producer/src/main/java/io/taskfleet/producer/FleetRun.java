package io.taskfleet.producer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerConnector;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.codec.JacksonCodec;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.producer.metrics.ProducerMetrics;
import io.taskfleet.producer.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the fleet: declare, wait for workers, publish every task, collect one result per task,
 * report. Closing it deletes the run's result queue, so nothing is left on the broker.
 */
final class FleetRun implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetRun.class);
  // Bounds the bytes buffered for the result consumer: a results message holds up to 500
  // results, so 1,000 of them could fill a small heap while decoding lags behind.
  private static final int RESULT_PREFETCH = 300;

  private final ProducerConfig config;
  private final PrintStream err;
  private final String runId = "r" + UUID.randomUUID().toString().substring(0, 8);
  private final Topology topology;
  private Connection connection;
  private Channel resultChannel;
  private String resultQueue;
  private volatile ResultCollector collector;
  private volatile ResultConsumer resultConsumer;
  private volatile TaskPublisher publisher;

  /** Set when the run deletes its own result queue: that cancel is no loss. */
  private volatile boolean closing;

  private volatile boolean interrupted;
  private final Workload workload;
  private ProducerMetrics metrics = new ProducerMetrics();

  FleetRun(ProducerConfig config, PrintStream err) {
    this(config, Workload.of(config, config.iterations()), err);
  }

  FleetRun(ProducerConfig config, Workload workload, PrintStream err) {
    this.config = config;
    this.err = err;
    this.topology = config.topology();
    this.workload = workload;
  }

  /** Tells {@code metrics} of this run's progress; they serve it on {@code --metrics-port}. */
  FleetRun observedBy(ProducerMetrics metrics) {
    this.metrics = metrics;
    return this;
  }

  String runId() {
    return runId;
  }

  /** Runs to completion, timeout or {@link #interrupt()}, and returns the report. */
  RunReport run() throws InterruptedException {
    connection =
        new BrokerConnector(config.brokerUrl(), config.connectRetry())
            .connect("taskfleet-producer " + Identities.hostName() + ":" + Identities.pid(), null);
    connection.addBlockedListener(new BrokerAlarms(err));
    topology.declare(connection);
    int consumers = awaitWorkers();
    KindCheck.requireServed(connection, topology, workload.kindsUsed());
    ChunkPlanner planner = new ChunkPlanner(config.chunk(), consumers);

    int tasks = workload.tasks();
    long[] firstPublishNanos = new long[tasks];
    long createdAt = System.currentTimeMillis();
    SegmentRecorder segments = new SegmentRecorder();
    collector =
        new ResultCollector(runId, tasks, workload.expectedValues(), firstPublishNanos)
            .recordingSegments(segments);
    ResultCollector counting = collector;
    metrics.runStarted(tasks, counting::received);

    try (Progress progress = Progress.create(config.progress(), runId, tasks, err)) {
      resultChannel = connection.createChannel();
      resultQueue = topology.declareResultQueue(resultChannel, runId);
      resultChannel.basicQos(RESULT_PREFETCH);
      ResultConsumer results =
          new ResultConsumer(
              resultChannel,
              collector,
              progress,
              JacksonCodec.DEFAULT_MAX_BODY_BYTES,
              () -> onResultQueueLost(firstPublishNanos),
              (result, received) ->
                  planner.measured(result, received - firstPublishNanos[(int) result.taskId()]));
      resultConsumer = results;
      resultChannel.basicConsume(resultQueue, false, results);

      TaskPublisher publisher =
          new TaskPublisher(
                  connection,
                  config.codec(),
                  topology.taskQueue(),
                  resultQueue,
                  config.confirmWindow(),
                  id -> workload.task(runId, id, createdAt),
                  firstPublishNanos,
                  planner,
                  config.timeout(),
                  this::onTaskReturned)
              .recordingSegments(segments);
      this.publisher = publisher;
      Thread publishing =
          new Thread(
              () -> {
                try {
                  publisher.publishAll(tasks);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "fleet-publisher");
      long start = System.nanoTime();
      publishing.start();
      boolean complete = collector.await(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
      publisher.close();
      publishing.join(Duration.ofSeconds(5).toMillis());
      boolean timedOut = !complete && !interrupted;
      return RunReports.of(
              Mode.FLEET,
              runId,
              workload,
              config.codec().name(),
              collector.snapshot(),
              firstStart(firstPublishNanos, start),
              publisher.republished(),
              timedOut,
              interrupted,
              segments.snapshot(),
              null)
          .withBodySizes(publisher.meanBodyBytes(), results.meanBodyBytes())
          .withChunking(planner.messages(), planner.explain());
    } catch (IOException e) {
      throw new FleetException("cannot set up the result queue: " + e.getMessage(), e);
    } finally {
      metrics.runFinished();
    }
  }

  private static long firstStart(long[] firstPublishNanos, long fallback) {
    return firstPublishNanos.length > 0 && firstPublishNanos[0] != 0
        ? firstPublishNanos[0]
        : fallback;
  }

  /**
   * The result queue was deleted under the run (by an operator, a policy): the results in it, and
   * those published until it exists again, are gone. Declare it again, consume again, and publish
   * again every published task that has no result yet; de-duplication absorbs the copies. Runs on a
   * thread of its own, not on the consumer's dispatch thread.
   */
  private void onResultQueueLost(long[] firstPublishNanos) {
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
                topology.declareResultQueue(resultChannel, runId);
                resultChannel.basicConsume(resultQueue, false, resultConsumer);
              } catch (IOException | RuntimeException e) {
                log.error("could not declare result queue {} again: {}", resultQueue, e.toString());
                return;
              }
              TaskPublisher current = publisher;
              java.util.BitSet missing = collector.snapshot().missing();
              for (int id = missing.nextSetBit(0);
                  id >= 0 && current != null;
                  id = missing.nextSetBit(id + 1)) {
                if (firstPublishNanos[id] != 0) {
                  current.republish(id);
                }
              }
            },
            "fleet-result-queue-recovery");
    recovery.setDaemon(true);
    recovery.start();
  }

  /**
   * The broker returned a task: the task queue is gone (deleted mid-run). That is an error, not a
   * silent loss: say it once and end the run, whose report lists the tasks without a result.
   */
  private void onTaskReturned(String reason) {
    if (!taskReturned) {
      taskReturned = true;
      err.println("error: " + reason + "; ending the run");
      ResultCollector current = collector;
      if (current != null) {
        current.abort();
      }
    }
  }

  private volatile boolean taskReturned;

  /**
   * Waits until enough consumers are attached, or with {@code auto} until they have stopped
   * arriving, so JVM start-up is not counted; returns the consumers attached.
   */
  private int awaitWorkers() throws InterruptedException {
    int wanted = config.awaitWorkers();
    if (wanted == 0) {
      try (Channel channel = connection.createChannel()) {
        return topology.taskConsumers(channel);
      } catch (IOException | TimeoutException e) {
        throw new FleetException(
            "cannot inspect queue '" + topology.taskQueue() + "': " + e.getMessage(), e);
      }
    }
    boolean auto = wanted == ProducerConfig.AWAIT_AUTO;
    WorkerArrivals arrivals = new WorkerArrivals(WorkerArrivals.DEFAULT_SETTLE);
    long deadline = System.nanoTime() + config.awaitTimeout().toNanos();
    int attached = 0;
    boolean told = false;
    while (true) {
      try (Channel channel = connection.createChannel()) {
        attached = topology.taskConsumers(channel);
      } catch (IOException | TimeoutException e) {
        throw new FleetException(
            "cannot inspect queue '" + topology.taskQueue() + "': " + e.getMessage(), e);
      }
      if (auto ? arrivals.settled(attached, System.nanoTime()) : attached >= wanted) {
        log.info("{} consumer(s) attached to '{}'", attached, topology.taskQueue());
        if (auto) {
          err.printf("%d consumer(s) on queue '%s'; starting%n", attached, topology.taskQueue());
        }
        return attached;
      }
      if (System.nanoTime() > deadline) {
        throw new FleetException(
            (auto ? "no worker" : "only " + attached + " of " + wanted + " workers")
                + " attached to queue '"
                + topology.taskQueue()
                + "' after "
                + config.awaitTimeout().toSeconds()
                + " s: start workers (java -jar worker/target/worker.jar) or lower --await-workers");
      }
      if (!told) {
        err.printf(
            auto
                ? "waiting for workers on queue '%2$s' until they stop arriving...%n"
                : "waiting for %d worker(s) on queue '%s'...%n",
            wanted,
            topology.taskQueue());
        told = true;
      }
      Thread.sleep(100);
    }
  }

  /** Ends the run early (Ctrl-C): {@link #run()} returns the partial report. */
  void interrupt() {
    interrupted = true;
    ResultCollector current = collector;
    if (current != null) {
      current.abort();
    }
  }

  /** Deletes the result queue and closes the connection. */
  @Override
  public void close() {
    closing = true;
    if (connection == null) {
      return;
    }
    try {
      if (resultQueue != null && connection.isOpen()) {
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
