package io.taskfleet.producer;

import io.taskfleet.producer.report.Cost;
import io.taskfleet.producer.report.RoundStats;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Fair measurement of one or more series at one task size. Each series is one mode on its own
 * runner, so the same warm JVMs round after round. First each series, in turn, runs its warm-up
 * rounds, not counted ({@link Warmup}); then the series take their {@code repeat} counted rounds in
 * turns: round 1 of every series, then round 2 of every series, and so on. On a shared machine
 * whose speed drifts over minutes, one mode's rounds all taken before another's would carry the
 * drift into their ratio; taken in turns, every mode meets the machine as it was. Each series'
 * report is its median round's, with every round's time.
 *
 * <p>A round that does not succeed, or a stop, ends everything: the reports then hold the median of
 * the rounds each series has counted, the failed round for the series that failed, and nothing for
 * a series that counted none.
 */
final class Rounds {

  /**
   * One series: the name its report carries ({@code origin}, {@code fleet-chunk-1}, ...) and the
   * runner it keeps.
   */
  record Series(String name, ModeRunner runner) {
    static Series of(ModeRunner runner) {
      return new Series(runner.mode().wireName(), runner);
    }
  }

  private final Warmup warmup;
  private final int repeat;
  private final PrintStream err;
  private final BooleanSupplier stopped;

  Rounds(Warmup warmup, int repeat, PrintStream err) {
    this(warmup, repeat, err, () -> false);
  }

  /**
   * @param stopped asked before each round; true ends the series there (Ctrl-C)
   */
  Rounds(Warmup warmup, int repeat, PrintStream err, BooleanSupplier stopped) {
    this.warmup = warmup;
    this.repeat = repeat;
    this.err = err;
    this.stopped = stopped;
  }

  /** Every series, warm-up first, then counted rounds in turns; reports in the series' order. */
  List<RunReport> run(List<Series> all, Workload workload) throws InterruptedException {
    List<Integer> warmups = new ArrayList<>();
    for (Series series : all) {
      List<Cost> done = new ArrayList<>();
      while (warmup.another(done)) {
        if (stopped.getAsBoolean()) {
          return List.of();
        }
        RunReport last = series.runner().run(workload);
        done.add(last.cost());
        err.println(warmup.roundLine(series.name(), done.size(), last));
        if (!last.succeeded()) {
          return List.of(last.withMode(series.name()));
        }
      }
      warmup.unfinished(series.name(), done).ifPresent(err::println);
      warmups.add(done.size());
    }
    List<List<RunReport>> counted = new ArrayList<>();
    all.forEach(series -> counted.add(new ArrayList<>()));
    for (int round = 1; round <= repeat; round++) {
      for (int s = 0; s < all.size(); s++) {
        if (stopped.getAsBoolean()) {
          return medians(all, warmups, counted, -1, null);
        }
        Series series = all.get(s);
        RunReport report = series.runner().run(workload);
        if (repeat > 1) {
          err.printf(
              "%s: round %d/%d took %.3f s%n",
              series.name(), round, repeat, report.elapsedSeconds());
        }
        if (!report.succeeded()) {
          return medians(all, warmups, counted, s, report);
        }
        counted.get(s).add(report);
      }
    }
    return medians(all, warmups, counted, -1, null);
  }

  /**
   * Each series' median round; the series at index {@code failedAt}, if any, reports {@code failed}
   * instead.
   */
  private static List<RunReport> medians(
      List<Series> all,
      List<Integer> warmups,
      List<List<RunReport>> counted,
      int failedAt,
      RunReport failed) {
    List<RunReport> reports = new ArrayList<>();
    for (int s = 0; s < all.size(); s++) {
      String name = all.get(s).name();
      List<RunReport> rounds = counted.get(s);
      if (s == failedAt) {
        reports.add(failed.withMode(name));
      } else if (!rounds.isEmpty()) {
        RoundStats stats =
            RoundStats.of(
                warmups.get(s),
                rounds.stream().map(RunReport::elapsedSeconds).toList(),
                (int) rounds.stream().filter(round -> Cost.compiling(round.cost())).count());
        reports.add(rounds.get(stats.medianRound()).withRounds(stats).withMode(name));
      }
    }
    return reports;
  }
}
