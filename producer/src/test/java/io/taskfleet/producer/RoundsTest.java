package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.producer.report.RunReport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Warm-up per series, then counted rounds in turns, on the broker-free runners. */
class RoundsTest {

  private static final Workload WORKLOAD = new Workload("cpu", new CpuParams(10_000), 100);
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private final List<String> ran = new ArrayList<>();

  @Test
  void seriesWarmUpOneAfterAnotherThenTakeTheirCountedRoundsInTurns() throws InterruptedException {
    try (OriginRunner origin = new OriginRunner(Duration.ofSeconds(30));
        ThreadsRunner threads = new ThreadsRunner(2, Duration.ofSeconds(30))) {
      List<RunReport> reports =
          new Rounds(new Warmup.Fixed(2), 3, QUIET)
              .run(
                  List.of(
                      Rounds.Series.of(recorded(origin)),
                      new Rounds.Series("threads-again", recorded(threads))),
                  WORKLOAD);

      assertThat(ran)
          .containsExactly(
              "origin", "origin", "threads", "threads", // warm-up, each series on its own
              "origin", "threads", "origin", "threads", "origin", "threads"); // counted, in turns
      assertThat(reports).extracting(RunReport::mode).containsExactly("origin", "threads-again");
      for (RunReport report : reports) {
        assertThat(report.succeeded()).isTrue();
        assertThat(report.rounds().warmup()).isEqualTo(2);
        assertThat(report.rounds().elapsedSeconds()).hasSize(3).contains(report.elapsedSeconds());
      }
    }
  }

  @Test
  void aStopBetweenRoundsReportsWhatEachSeriesCountedAndNothingForTheOthers()
      throws InterruptedException {
    try (OriginRunner origin = new OriginRunner(Duration.ofSeconds(30));
        ThreadsRunner threads = new ThreadsRunner(2, Duration.ofSeconds(30))) {
      List<RunReport> reports =
          new Rounds(new Warmup.Fixed(1), 3, QUIET, () -> ran.size() >= 3)
              .run(
                  List.of(Rounds.Series.of(recorded(origin)), Rounds.Series.of(recorded(threads))),
                  WORKLOAD);

      assertThat(ran).containsExactly("origin", "threads", "origin");
      assertThat(reports)
          .singleElement()
          .satisfies(
              report -> {
                assertThat(report.mode()).isEqualTo("origin");
                assertThat(report.rounds().elapsedSeconds()).hasSize(1);
              });
    }
  }

  @Test
  void aStopBeforeAnyRoundReportsNothing() throws InterruptedException {
    try (OriginRunner origin = new OriginRunner(Duration.ofSeconds(30))) {
      List<RunReport> reports =
          new Rounds(new Warmup.Fixed(0), 2, QUIET, () -> true)
              .run(List.of(Rounds.Series.of(recorded(origin))), WORKLOAD);

      assertThat(reports).isEmpty();
      assertThat(ran).isEmpty();
    }
  }

  /** The runner, writing its mode into {@link #ran} at each run. */
  private ModeRunner recorded(ModeRunner runner) {
    return new ModeRunner() {
      @Override
      public Mode mode() {
        return runner.mode();
      }

      @Override
      public RunReport run(Workload workload) throws InterruptedException {
        ran.add(runner.mode().wireName());
        return runner.run(workload);
      }

      @Override
      public void interrupt() {
        runner.interrupt();
      }
    };
  }
}
