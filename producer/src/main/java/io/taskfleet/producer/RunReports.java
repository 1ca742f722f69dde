package io.taskfleet.producer;

import io.taskfleet.client.ResultCollector;
import io.taskfleet.common.text.Numbers;
import io.taskfleet.producer.report.Decomposition;
import io.taskfleet.producer.report.RunReport;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Builds {@link RunReport}s from what was measured: the report maths, in one place. */
final class RunReports {

  /** Missing task ids listed in a report; the count is always complete. */
  static final int MAX_LISTED_MISSING = 100;

  private RunReports() {}

  static RunReport fleet(
      String runId,
      ProducerConfig config,
      ResultCollector.Snapshot s,
      long startNanos,
      long republished,
      boolean timedOut,
      boolean interrupted) {
    return of(
        Mode.FLEET,
        runId,
        Workload.of(config, config.iterations()),
        config.codec().name(),
        s,
        startNanos,
        republished,
        timedOut,
        interrupted,
        null,
        null);
  }

  /**
   * The report of one run of any mode: elapsed from {@code startNanos} to the last result, latency
   * and compute from the collector, the decomposition when the fleet measured one.
   *
   * @param threadsPerWorker the threads each process had, when known from the configuration
   *     (in-process modes); null to take the most threads seen in the results, which can be fewer
   *     than configured when tasks are so short that one thread ran them all
   */
  static RunReport of(
      Mode mode,
      String runId,
      Workload workload,
      String codec,
      ResultCollector.Snapshot s,
      long startNanos,
      long republished,
      boolean timedOut,
      boolean interrupted,
      Decomposition decomposition,
      Integer threadsPerWorker) {
    int received = s.completed() + s.failed();
    long elapsedNanos = received == 0 ? 0 : Math.max(0, s.lastResultNanos() - startNanos);
    double elapsedSeconds = elapsedNanos / 1e9;
    double computeMs = Numbers.millis(s.computeNanosMean());
    double latencyMs = Numbers.millis(s.latencyNanosMean());
    return new RunReport(
        mode.wireName(),
        runId,
        workload.kindName(),
        workload.iterations(),
        codec,
        s.tasks(),
        s.completed(),
        s.failed(),
        s.duplicates(),
        Numbers.round(elapsedSeconds, 4),
        Numbers.round(throughput(received, elapsedSeconds), 1),
        s.workers().stream()
            .map(w -> new RunReport.WorkerTasks(w.host(), w.pid(), w.tasks()))
            .toList(),
        s.workers().size(),
        latency(s.latencyMicros()),
        Numbers.round(computeMs, 4),
        Numbers.round(Math.max(0, latencyMs - computeMs), 4),
        s.wrongValues() == 0 && s.completed() > 0,
        s.missing().cardinality(),
        firstIds(s.missing(), MAX_LISTED_MISSING),
        s.failureReasons(),
        republished,
        timedOut,
        interrupted,
        threadsPerWorker != null ? threadsPerWorker : Integer.valueOf(s.threadsPerWorker()),
        null,
        decomposition,
        null,
        workload.describe(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static double throughput(int tasks, double seconds) {
    return seconds <= 0 ? 0 : tasks / seconds;
  }

  static RunReport.LatencyMs latency(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new RunReport.LatencyMs(0, 0, 0, 0);
    }
    return new RunReport.LatencyMs(
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(95)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getMaxValue()));
  }

  private static double ms(long micros) {
    return Numbers.round(micros / 1_000.0, 3);
  }

  static List<Long> firstIds(BitSet bits, int limit) {
    List<Long> ids = new ArrayList<>();
    for (int i = bits.nextSetBit(0); i >= 0 && ids.size() < limit; i = bits.nextSetBit(i + 1)) {
      ids.add((long) i);
    }
    return ids;
  }
}
