package io.taskfleet.producer.report;

import io.taskfleet.common.text.Numbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The counted rounds of one mode: {@code --warmup} rounds ran first and are not in here. JSON: the
 * {@code rounds} object of a run; the run's other figures are those of its median round.
 *
 * @param warmup rounds run before, not counted
 * @param elapsedSeconds every counted round's elapsed time, in the order they ran
 * @param medianSeconds the median of those (the mean of the middle two for an even count)
 * @param minSeconds the fastest round
 * @param maxSeconds the slowest round
 * @param compiling counted rounds in which the JVMs' JIT compilers took {@link Cost#WARM_JIT_SHARE}
 *     or more of their CPU: rounds that measured some of a warm-up
 */
public record RoundStats(
    int warmup,
    List<Double> elapsedSeconds,
    double medianSeconds,
    double minSeconds,
    double maxSeconds,
    int compiling) {

  /** Rounds whose compilers were all quiet, or not measured. */
  public static RoundStats of(int warmup, List<Double> elapsedSeconds) {
    return of(warmup, elapsedSeconds, 0);
  }

  public static RoundStats of(int warmup, List<Double> elapsedSeconds, int compiling) {
    if (elapsedSeconds.isEmpty()) {
      throw new IllegalArgumentException("no rounds");
    }
    List<Double> sorted = new ArrayList<>(elapsedSeconds);
    Collections.sort(sorted);
    return new RoundStats(
        warmup,
        List.copyOf(elapsedSeconds),
        Numbers.round(median(sorted), 4),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        compiling);
  }

  /** The median of an ascending list. */
  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The index of the round whose time is nearest the median: the one the run reports. */
  public int medianRound() {
    int best = 0;
    for (int i = 1; i < elapsedSeconds.size(); i++) {
      if (Math.abs(elapsedSeconds.get(i) - medianSeconds)
          < Math.abs(elapsedSeconds.get(best) - medianSeconds)) {
        best = i;
      }
    }
    return best;
  }

  public int repeat() {
    return elapsedSeconds.size();
  }
}
