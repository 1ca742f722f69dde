package io.taskfleet.producer.report;

import io.taskfleet.common.text.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * The modes side by side, the seed's table. JSON: the {@code comparison} array, one row per mode.
 *
 * @param mode origin, threads or fleet
 * @param iterations the task size these runs used
 * @param workers processes that ran tasks (1 for the in-process modes)
 * @param threadsPerWorker threads per process that ran tasks
 * @param elapsedSeconds elapsed time (the median round when repeated)
 * @param minSeconds the fastest round (= elapsed for a single round)
 * @param maxSeconds the slowest round (= elapsed for a single round)
 * @param tasksPerSecond tasks divided by elapsed
 * @param speedup origin's elapsed / this mode's elapsed; 0 when origin did not run
 * @param efficiency speedup / (workers × threads), 1.0 is the ideal; 0 when origin did not run
 */
public record Comparison(
    String mode,
    long iterations,
    int workers,
    int threadsPerWorker,
    double elapsedSeconds,
    double minSeconds,
    double maxSeconds,
    double tasksPerSecond,
    double speedup,
    double efficiency) {

  /**
   * The row of the fleet at one task per message, run beside the chunk size chosen when a sweep
   * compares the two ({@code --sweep-iterations} with {@code --chunk auto}).
   */
  public static final String FLEET_CHUNK_1 = "fleet-chunk-1";

  /** The rows for runs of the same workload; speedups are over the {@code origin} run if any. */
  public static List<Comparison> of(List<RunReport> runs) {
    double origin =
        runs.stream()
            .filter(r -> r.mode().equals("origin"))
            .mapToDouble(RunReport::elapsedSeconds)
            .findFirst()
            .orElse(0);
    List<Comparison> rows = new ArrayList<>();
    for (RunReport r : runs) {
      int workers = Math.max(1, r.distinctWorkers());
      int threads = r.threadsPerWorker() == null ? 1 : Math.max(1, r.threadsPerWorker());
      double speedup = speedup(origin, r.elapsedSeconds());
      rows.add(
          new Comparison(
              r.mode(),
              r.iterations(),
              workers,
              threads,
              r.elapsedSeconds(),
              r.rounds() == null ? r.elapsedSeconds() : r.rounds().minSeconds(),
              r.rounds() == null ? r.elapsedSeconds() : r.rounds().maxSeconds(),
              r.tasksPerSecond(),
              Numbers.round(speedup, 3),
              Numbers.round(efficiency(speedup, workers * threads), 3)));
    }
    return rows;
  }

  /** How many times faster than the baseline; 0 when either time is unknown. */
  public static double speedup(double baselineSeconds, double seconds) {
    return baselineSeconds <= 0 || seconds <= 0 ? 0 : baselineSeconds / seconds;
  }

  /** Speedup per unit of parallelism: 1.0 when n threads run n times faster. */
  public static double efficiency(double speedup, int parallelism) {
    return parallelism <= 0 ? 0 : speedup / parallelism;
  }
}
