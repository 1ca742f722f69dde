package io.taskfleet.producer;

import io.taskfleet.client.Batch;
import io.taskfleet.client.BatchListener;
import io.taskfleet.client.LocalTaskClient;
import io.taskfleet.client.MapOptions;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;
import java.util.List;

/**
 * Runs of a mode without a broker, through a {@link LocalTaskClient}: each task is computed by the
 * same code the workers use and counted the same way, so the report has the fleet's fields: latency
 * from submission to completion, compute measured around the computation, this process as the only
 * worker. Owns the client (and so its pool) until closed.
 */
final class InProcessRun implements AutoCloseable {

  private static final String CODEC = "none";

  private final Mode mode;
  private final LocalTaskClient client;
  private final Duration timeout;
  private volatile boolean stopped;
  private volatile Batch current;

  InProcessRun(Mode mode, LocalTaskClient client, Duration timeout) {
    this.mode = mode;
    this.client = client;
    this.timeout = timeout;
  }

  /** Runs every task of the workload and waits for all results (or timeout, or stop). */
  RunReport run(Workload workload) throws InterruptedException {
    stopped = false;
    CostRecorder cost = new CostRecorder(List.of());
    TimelineRecorder timeline = new TimelineRecorder();
    BatchListener listener =
        new BatchListener() {
          @Override
          public void started(Batch batch) {
            timeline.started();
            current = batch;
            if (stopped) {
              batch.cancel();
            }
          }

          @Override
          public void result(TaskResult result, Arrival arrival) {
            cost.computedHere(result);
            timeline.result(result);
          }
        };
    Batch batch =
        client.map(
            workload.jobs(),
            MapOptions.defaults()
                .withListener(listener)
                .withExpectedValues(workload.expectedValues())
                .discardingResults());
    boolean complete = batch.await(timeout);
    boolean interrupted = stopped;
    if (!complete) {
      batch.cancel();
    }
    RunReport report =
        RunReports.of(
            mode,
            batch.runId(),
            workload,
            CODEC,
            batch.snapshot(),
            batch.startNanos(),
            0,
            !complete && !interrupted,
            interrupted,
            null,
            client.threads());
    return report.withCost(
        cost.finish(workload.tasks(), Identities.hostName() + ":" + Identities.pid()),
        timeline.timeline(report.elapsedSeconds() * 1e3));
  }

  /** Ends the current run early: tasks not started are skipped. */
  void stop() {
    stopped = true;
    Batch batch = current;
    if (batch != null) {
      batch.cancel();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
