package io.taskfleet.producer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, as printed and as written to the JSON report. Field names are part of
 * the JSON format: later versions add fields, never rename these.
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
    boolean interrupted) {

  /** Tasks done by one worker process, told apart by host and PID. */
  public record WorkerTasks(String host, long pid, int tasks) {}

  /** Publish-to-result latency percentiles, in milliseconds. */
  public record LatencyMs(double p50, double p95, double p99, double max) {}

  /** True when every task has a correct result and none failed. */
  public boolean succeeded() {
    return completed == tasks && failed == 0 && valuesCorrect && missing == 0;
  }
}
