package io.taskfleet.producer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.taskfleet.common.text.Numbers;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, as printed and as written to the JSON report. Field names are part of the
 * JSON format: later versions add fields, never rename these.
 *
 * <p>For the in-process modes ({@code origin}, {@code threads}) {@code workers} is this process,
 * latency runs from submission to completion, compute is measured around the computation and
 * overhead is latency minus compute; {@code republished} is 0.
 *
 * <p>Added with the modes (null, and absent from the JSON, when they do not apply): {@code
 * threadsPerWorker} the most threads one process ran tasks on; {@code rounds} the elapsed time of
 * every counted round with median, min and max (the other figures are the median round's); {@code
 * decomposition} where a fleet task's time goes; {@code cold} true for a run that includes starting
 * fresh worker JVMs.
 *
 * <p>Added with the task kinds and codecs: {@code workload} what each task does, for people ({@code
 * image, 256x256 RGB}); {@code taskBytes} and {@code resultBytes} the mean encoded body size, in
 * bytes, of the tasks published and the results received (fleet runs only).
 *
 * <p>Added with chunks: {@code messages} and {@code chunking} how many task messages a fleet run
 * published and why that size; {@code cost} the CPU time of each process per task and how each
 * thread that ran tasks spent its time; {@code timeline} when each of those threads was busy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
    String mode,
    String runId,
    String kind,
    long iterations,
    String codec,
    int tasks,
    int completed,
    int failed,
    int duplicates,
    double elapsedSeconds,
    double tasksPerSecond,
    List<WorkerTasks> workers,
    int distinctWorkers,
    LatencyMs latencyMs,
    double computeMsMean,
    double overheadMsMean,
    boolean valuesCorrect,
    int missing,
    List<Long> missingTaskIds,
    Map<String, Integer> failureReasons,
    long republished,
    boolean timedOut,
    boolean interrupted,
    Integer threadsPerWorker,
    RoundStats rounds,
    Decomposition decomposition,
    Boolean cold,
    String workload,
    Double taskBytes,
    Double resultBytes,
    Integer messages,
    String chunking,
    Cost cost,
    Timeline timeline) {

  /** Tasks done by one worker process, told apart by host and PID. */
  public record WorkerTasks(String host, long pid, int tasks) {}

  /** Publish-to-result latency percentiles, in milliseconds. */
  public record LatencyMs(double p50, double p95, double p99, double max) {}

  /** This run with the statistics of the rounds it was the median of. */
  public RunReport withRounds(RoundStats stats) {
    return rebuild(
        mode,
        elapsedSeconds,
        tasksPerSecond,
        stats,
        cold,
        taskBytes,
        resultBytes,
        messages,
        chunking,
        cost,
        timeline);
  }

  /** This run marked as cold: fresh worker JVMs, their start-up counted. */
  public RunReport asCold(double elapsedWithStartup) {
    double perSecond = elapsedWithStartup <= 0 ? 0 : (completed + failed) / elapsedWithStartup;
    return rebuild(
        mode,
        Numbers.round(elapsedWithStartup, 4),
        Numbers.round(perSecond, 1),
        rounds,
        true,
        taskBytes,
        resultBytes,
        messages,
        chunking,
        cost,
        timeline);
  }

  /** This run with the mean encoded sizes of its task and result bodies, in bytes. */
  public RunReport withBodySizes(double meanTaskBytes, double meanResultBytes) {
    return rebuild(
        mode,
        elapsedSeconds,
        tasksPerSecond,
        rounds,
        cold,
        Numbers.round(meanTaskBytes, 1),
        Numbers.round(meanResultBytes, 1),
        messages,
        chunking,
        cost,
        timeline);
  }

  /** A copy with the components the methods above change; every other one is kept. */
  private RunReport rebuild(
      String mode,
      double elapsedSeconds,
      double tasksPerSecond,
      RoundStats rounds,
      Boolean cold,
      Double taskBytes,
      Double resultBytes,
      Integer messages,
      String chunking,
      Cost cost,
      Timeline timeline) {
    return new RunReport(
        mode,
        runId,
        kind,
        iterations,
        codec,
        tasks,
        completed,
        failed,
        duplicates,
        elapsedSeconds,
        tasksPerSecond,
        workers,
        distinctWorkers,
        latencyMs,
        computeMsMean,
        overheadMsMean,
        valuesCorrect,
        missing,
        missingTaskIds,
        failureReasons,
        republished,
        timedOut,
        interrupted,
        threadsPerWorker,
        rounds,
        decomposition,
        cold,
        workload,
        taskBytes,
        resultBytes,
        messages,
        chunking,
        cost,
        timeline);
  }

  /** A fleet run's messages of tasks, and one line on how many tasks each carried and why. */
  public RunReport withChunking(int taskMessages, String explanation) {
    return rebuild(
        mode,
        elapsedSeconds,
        tasksPerSecond,
        rounds,
        cold,
        taskBytes,
        resultBytes,
        taskMessages,
        explanation,
        cost,
        timeline);
  }

  /** This run with what it cost and its timeline. */
  public RunReport withCost(Cost runCost, Timeline runTimeline) {
    return rebuild(
        mode,
        elapsedSeconds,
        tasksPerSecond,
        rounds,
        cold,
        taskBytes,
        resultBytes,
        messages,
        chunking,
        runCost,
        runTimeline);
  }

  /** This run under another name in the comparison (a variant of its mode). */
  public RunReport withMode(String name) {
    return rebuild(
        name,
        elapsedSeconds,
        tasksPerSecond,
        rounds,
        cold,
        taskBytes,
        resultBytes,
        messages,
        chunking,
        cost,
        timeline);
  }

  /** True when every task has a correct result and none failed. */
  public boolean succeeded() {
    return completed == tasks && failed == 0 && valuesCorrect && missing == 0;
  }
}
