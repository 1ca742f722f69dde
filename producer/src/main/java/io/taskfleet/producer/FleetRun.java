package io.taskfleet.producer;

import io.taskfleet.client.Batch;
import io.taskfleet.client.BatchListener;
import io.taskfleet.client.BatchTransport;
import io.taskfleet.client.ChunkMeasurement;
import io.taskfleet.client.FleetClient;
import io.taskfleet.client.FleetClientOptions;
import io.taskfleet.client.MapOptions;
import io.taskfleet.client.TaskClientException;
import io.taskfleet.client.TaskReturnedException;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.producer.metrics.ProducerMetrics;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the fleet, through a {@link FleetClient} of its own: connect, wait for workers, map
 * every task as one batch, report. The client's id is the run's, so its result queue is {@code
 * <queue>.results.<runId>}; closing the run closes the client, which deletes it.
 */
final class FleetRun implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetRun.class);

  private final ProducerConfig config;
  private final PrintStream err;
  private final String runId = "r" + UUID.randomUUID().toString().substring(0, 8);
  private final Workload workload;
  private FleetClient client;
  private volatile Batch batch;
  private volatile boolean interrupted;
  private ProducerMetrics metrics = new ProducerMetrics();
  private ChunkMeasurement chunkHint;
  private volatile ChunkMeasurement chunkMeasured;

  FleetRun(ProducerConfig config, PrintStream err) {
    this(config, Workload.of(config, config.iterations()), err);
  }

  FleetRun(ProducerConfig config, Workload workload, PrintStream err) {
    this.config = config;
    this.err = err;
    this.workload = workload;
  }

  /** Tells {@code metrics} of this run's progress; they serve it on {@code --metrics-port}. */
  FleetRun observedBy(ProducerMetrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /** Starts {@code --chunk auto} from what an earlier run of the same workload measured. */
  FleetRun startingFrom(ChunkMeasurement hint) {
    this.chunkHint = hint;
    return this;
  }

  /** What {@code --chunk auto} measured in this run, for the next run of the same workload. */
  ChunkMeasurement chunkMeasured() {
    return chunkMeasured;
  }

  String runId() {
    return runId;
  }

  /** Runs to completion, timeout or {@link #interrupt()}, and returns the report. */
  RunReport run() throws InterruptedException {
    client = FleetClient.connect(options());
    new WorkerWait(client, config, err).await();
    client.requireServed(workload.kindsUsed());
    int tasks = workload.tasks();
    SegmentRecorder segments = new SegmentRecorder();
    CostRecorder cost =
        new CostRecorder(
            config.brokerUrl().isLoopback()
                ? config.brokerUrl().addresses().stream().map(a -> a.getPort()).toList()
                : List.of());
    TimelineRecorder timeline = new TimelineRecorder();
    try (Progress progress = Progress.create(config.progress(), runId, tasks, err)) {
      Batch run =
          client.map(
              workload.jobs(),
              MapOptions.defaults()
                  .withRunId(runId)
                  .withChunkHint(chunkHint)
                  .withListener(new Observer(progress, segments, cost, timeline))
                  .withExpectedValues(workload.expectedValues())
                  .discardingResults());
      batch = run;
      metrics.runStarted(tasks, run::received);
      if (interrupted) {
        run.cancel();
      }
      boolean complete = run.await(config.timeout());
      Optional<TaskClientException> returned =
          run.failure().filter(TaskReturnedException.class::isInstance);
      returned.ifPresent(e -> err.println("error: " + e.getMessage() + "; ending the run"));
      if (!complete) {
        run.cancel();
      }
      boolean timedOut = !complete && !interrupted && returned.isEmpty();
      BatchTransport transport = run.transport();
      chunkMeasured = transport.measured();
      RunReport report =
          RunReports.of(
                  Mode.FLEET,
                  runId,
                  workload,
                  config.codec().name(),
                  run.snapshot(),
                  run.startNanos(),
                  transport.republished(),
                  timedOut,
                  interrupted,
                  segments.snapshot(),
                  null)
              .withBodySizes(transport.meanTaskBodyBytes(), transport.meanResultBodyBytes())
              .withChunking(transport.messages(), transport.chunking());
      return report.withCost(
          cost.finish(tasks, Identities.hostName() + ":" + Identities.pid()),
          timeline.timeline(report.elapsedSeconds() * 1e3));
    } finally {
      metrics.runFinished();
    }
  }

  private FleetClientOptions options() {
    return FleetClientOptions.of(config.brokerUrl())
        .withTopology(config.topology())
        .withCodec(config.codec())
        .withChunk(config.chunk())
        .withConfirmWindow(config.confirmWindow())
        .withTimeout(config.timeout())
        .withConnectRetry(config.connectRetry())
        .withClientId(runId)
        .withConnectionName("taskfleet-producer " + Identities.hostName() + ":" + Identities.pid())
        .withNotices(err);
  }

  /** The progress bar, the decomposition, the cost and the timeline, fed as results arrive. */
  private record Observer(
      Progress progress, SegmentRecorder segments, CostRecorder cost, TimelineRecorder timeline)
      implements BatchListener {
    @Override
    public void started(Batch batch) {
      timeline.started();
    }

    @Override
    public void result(TaskResult result, Arrival arrival) {
      segments.result(result, arrival.roundTripNanos(), arrival.decodeNanos());
      timeline.result(result);
      progress.update(arrival.received());
    }

    @Override
    public void resultsMessage(List<TaskResult> results) {
      cost.message(results);
    }

    @Override
    public void usage(List<TaskResult> results, WorkerUsage usage) {
      cost.snapshot(results, usage);
    }

    @Override
    public void encoded(long nanos) {
      segments.encoded(nanos);
    }

    @Override
    public void confirmed(long nanos) {
      segments.confirmed(nanos);
    }
  }

  /** Ends the run early (Ctrl-C): {@link #run()} returns the partial report. */
  void interrupt() {
    interrupted = true;
    Batch current = batch;
    if (current != null) {
      current.cancel();
    }
  }

  /** Closes the client: deletes the result queue and closes the connection. */
  @Override
  public void close() {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (FleetException | IllegalStateException e) {
      log.debug("closing the client: {}", e.toString());
    }
  }
}
