package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BreakEvenTest {

  private static SweepPoint point(long iterations, double origin, double threads, double fleet) {
    return new SweepPoint(
        iterations,
        List.of(
            row("origin", iterations, origin),
            row("threads", iterations, threads),
            row("fleet", iterations, fleet)));
  }

  private static Comparison row(String mode, long iterations, double elapsed) {
    return new Comparison(mode, iterations, 1, 1, elapsed, elapsed, elapsed, 1 / elapsed, 0, 0);
  }

  @Test
  void crossingIsBetweenTheLastLosingAndFirstWinningSizeInterpolatedOnTheRatio() {
    List<SweepPoint> sweep =
        List.of(
            point(0, 1, 1, 4),
            point(1_000, 2, 1.5, 3),
            point(2_000, 4, 2.2, 2),
            point(3_000, 8, 4, 3));

    BreakEven origin = BreakEven.find("origin", sweep);

    // fleet/origin: 4, 1.5, 0.5, 0.375: crosses 1 between 1,000 (1.5) and 2,000 (0.5), halfway.
    assertThat(origin.lastLosingIterations()).isEqualTo(1_000L);
    assertThat(origin.firstWinningIterations()).isEqualTo(2_000L);
    assertThat(origin.estimatedIterations()).isEqualTo(1_500.0);
    assertThat(origin.sentence()).contains("between 1,000 and 2,000", "about 1,500");
  }

  @Test
  void aWinFollowedByALossDoesNotCountAsBreakingEven() {
    List<SweepPoint> sweep = List.of(point(0, 1, 1, 4), point(10, 2, 1, 1), point(20, 3, 2, 2.5));

    BreakEven threads = BreakEven.find("threads", sweep);

    assertThat(threads.lastLosingIterations()).isEqualTo(20L);
    assertThat(threads.firstWinningIterations()).isNull();
    assertThat(threads.estimatedIterations()).isNull();
    assertThat(threads.sentence()).contains("never catches up with threads");
  }

  @Test
  void fleetFasterEverywhereHasNoLosingSize() {
    BreakEven origin = BreakEven.find("origin", List.of(point(5, 2, 1, 1), point(50, 20, 10, 10)));

    assertThat(origin.lastLosingIterations()).isNull();
    assertThat(origin.firstWinningIterations()).isEqualTo(5L);
    assertThat(origin.sentence()).contains("at least as fast as origin at every size");
  }

  @Test
  void theFleetAtChunkOneHasItsOwnBreakEven() {
    List<SweepPoint> sweep = new java.util.ArrayList<>();
    for (long[] p : new long[][] {{1_000, 1, 4, 2}, {10_000, 10, 8, 20}, {100_000, 100, 60, 90}}) {
      List<Comparison> rows = new java.util.ArrayList<>(point(p[0], p[1], p[1], p[2]).rows());
      rows.add(row(Comparison.FLEET_CHUNK_1, p[0], p[3]));
      sweep.add(new SweepPoint(p[0], rows));
    }

    BreakEven auto = BreakEven.find("fleet", "origin", sweep);
    BreakEven one = BreakEven.find(Comparison.FLEET_CHUNK_1, "origin", sweep);

    // auto: 4, 0.8, 0.6 against origin; chunk 1: 2, 2, 0.9.
    assertThat(auto.firstWinningIterations()).isEqualTo(10_000L);
    assertThat(one.firstWinningIterations()).isEqualTo(100_000L);
    assertThat(one.fleet()).isEqualTo(Comparison.FLEET_CHUNK_1);
    assertThat(one.sentence()).startsWith("The fleet at chunk 1 breaks even with origin");
    assertThat(auto.sentence()).startsWith("The fleet breaks even with origin");
  }
}
