package io.taskfleet.producer;

import io.taskfleet.producer.report.Cost;
import io.taskfleet.producer.report.RoundStats;
import io.taskfleet.producer.report.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fair measurement: warm-up rounds not counted ({@link Warmup}), then {@code repeat} counted rounds
 * on the same runner (so the same warm JVMs); the report is the median round's, with every round's
 * time. A round that does not succeed ends the series and is returned as it is.
 */
final class Rounds {

  private final Warmup warmup;
  private final int repeat;
  private final PrintStream err;

  Rounds(Warmup warmup, int repeat, PrintStream err) {
    this.warmup = warmup;
    this.repeat = repeat;
    this.err = err;
  }

  RunReport run(ModeRunner runner, Workload workload) throws InterruptedException {
    String mode = runner.mode().wireName();
    List<Cost> warmups = new ArrayList<>();
    while (warmup.another(warmups)) {
      RunReport last = runner.run(workload);
      warmups.add(last.cost());
      err.println(warmup.roundLine(mode, warmups.size(), last));
      if (!last.succeeded()) {
        return last;
      }
    }
    warmup.unfinished(mode, warmups).ifPresent(err::println);
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
        RoundStats.of(warmups.size(), rounds.stream().map(RunReport::elapsedSeconds).toList());
    return rounds.get(stats.medianRound()).withRounds(stats);
  }
}
