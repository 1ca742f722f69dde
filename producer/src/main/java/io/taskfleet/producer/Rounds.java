package io.taskfleet.producer;

import io.taskfleet.producer.report.RoundStats;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fair measurement: {@code warmup} rounds not counted, then {@code repeat} counted rounds on the
 * same runner (so the same warm JVMs); the report is the median round's, with every round's time. A
 * round that does not succeed ends the series and is returned as it is.
 */
final class Rounds {

  private final int warmup;
  private final int repeat;
  private final PrintStream err;

  Rounds(int warmup, int repeat, PrintStream err) {
    this.warmup = warmup;
    this.repeat = repeat;
    this.err = err;
  }

  RunReport run(ModeRunner runner, Workload workload) throws InterruptedException {
    for (int i = 1; i <= warmup; i++) {
      RunReport round = runner.run(workload);
      err.printf(
          "%s: warm-up round %d/%d took %.3f s (not counted)%n",
          runner.mode().wireName(), i, warmup, round.elapsedSeconds());
      if (!round.succeeded()) {
        return round;
      }
    }
    List<RunReport> rounds = new ArrayList<>();
    for (int i = 1; i <= repeat; i++) {
      RunReport round = runner.run(workload);
      if (repeat > 1) {
        err.printf(
            "%s: round %d/%d took %.3f s%n",
            runner.mode().wireName(), i, repeat, round.elapsedSeconds());
      }
      if (!round.succeeded()) {
        return round;
      }
      rounds.add(round);
    }
    RoundStats stats =
        RoundStats.of(warmup, rounds.stream().map(RunReport::elapsedSeconds).toList());
    return rounds.get(stats.medianRound()).withRounds(stats);
  }
}
