package io.taskfleet.producer;

import io.taskfleet.api.Limits;
import io.taskfleet.common.compute.Computation;
import io.taskfleet.common.compute.TaskComputer;
import io.taskfleet.common.protocol.Identities;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.producer.report.RunReport;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One run without a broker: each task is computed by the same {@link TaskComputer} the workers use,
 * on the given executor, and its result goes through the same {@link ResultCollector}, so the
 * report has the fleet's fields: latency from submission to completion, compute measured around the
 * computation, this process as the only worker.
 */
final class InProcessRun {

  private static final String CODEC = "none";

  private final Mode mode;
  private final int threads;
  private final Duration timeout;
  private final String host = Identities.hostName();
  private final long pid = Identities.pid();
  private volatile boolean stopped;
  private volatile ResultCollector collector;

  /**
   * @param threads the threads the executor runs tasks on, reported as this mode's parallelism
   */
  InProcessRun(Mode mode, int threads, Duration timeout) {
    this.mode = mode;
    this.threads = threads;
    this.timeout = timeout;
  }

  /** Submits every task to {@code executor} and waits for all results (or timeout, or stop). */
  RunReport run(Workload workload, Executor executor) throws InterruptedException {
    stopped = false;
    String runId = mode.wireName().charAt(0) + UUID.randomUUID().toString().substring(0, 8);
    int tasks = workload.tasks();
    long[] submittedNanos = new long[tasks];
    ResultCollector results =
        new ResultCollector(runId, tasks, workload.expectedValues(), submittedNanos);
    TaskComputer computer = new TaskComputer(workload.kinds(), Limits.defaults());
    collector = results;
    CostRecorder cost = new CostRecorder(java.util.List.of());
    TimelineRecorder timeline = new TimelineRecorder();
    long createdAt = System.currentTimeMillis();
    long start = System.nanoTime();
    timeline.started();
    for (int id = 0; id < tasks && !stopped; id++) {
      int taskId = id;
      submittedNanos[id] = System.nanoTime();
      executor.execute(
          () -> {
            TaskResult result = compute(computer, workload.task(runId, taskId, createdAt));
            if (result != null) {
              cost.computedHere(result);
              timeline.result(result);
              results.accept(result, System.nanoTime());
            }
          });
    }
    boolean complete = results.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    RunReport report =
        RunReports.of(
            mode,
            runId,
            workload,
            CODEC,
            results.snapshot(),
            start,
            0,
            !complete && !stopped,
            stopped,
            null,
            threads);
    return report.withCost(
        cost.finish(tasks, host + ":" + pid), timeline.timeline(report.elapsedSeconds() * 1e3));
  }

  /** Computes one task as a worker would; null once the run is stopped. */
  private TaskResult compute(TaskComputer computer, Task task) {
    if (stopped) {
      return null;
    }
    WorkerIdentity me = new WorkerIdentity(host, pid, Thread.currentThread().getName());
    long startedAt = TimelineRecorder.nowEpochMicros();
    long start = System.nanoTime();
    TaskResult result;
    try {
      Computation c = computer.run(task);
      result =
          TaskResult.ok(
              task,
              c.value(),
              c.digest(),
              me,
              new WorkerTimings(0, System.nanoTime() - start, 0, startedAt),
              false);
    } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
      // A kind's bug, even a missing class, fails its task as it would on a worker.
      result =
          TaskResult.failed(
              task.runId(),
              task.taskId(),
              "computation failed: " + e,
              me,
              new WorkerTimings(0, System.nanoTime() - start, 0, startedAt),
              false);
    }
    return result;
  }

  /** Ends the current run early: tasks not started are skipped. */
  void stop() {
    stopped = true;
    ResultCollector current = collector;
    if (current != null) {
      current.abort();
    }
  }
}
