package io.taskfleet.producer;

import io.taskfleet.client.Batch;
import io.taskfleet.client.BatchListener;
import io.taskfleet.client.LocalTaskClient;
import io.taskfleet.client.MapOptions;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;

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
    BatchListener listener =
        new BatchListener() {
          @Override
          public void started(Batch batch) {
            current = batch;
            if (stopped) {
              batch.cancel();
            }
          }

          @Override
          public void result(TaskResult result, Arrival arrival) {}
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
    return RunReports.of(
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
