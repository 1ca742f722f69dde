package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundStatsTest {

  @Test
  void oddCountTakesTheMiddleRoundAndKeepsTheOrderRun() {
    RoundStats stats = RoundStats.of(2, List.of(5.0, 1.0, 3.0));

    assertThat(stats.medianSeconds()).isEqualTo(3.0);
    assertThat(stats.minSeconds()).isEqualTo(1.0);
    assertThat(stats.maxSeconds()).isEqualTo(5.0);
    assertThat(stats.elapsedSeconds()).containsExactly(5.0, 1.0, 3.0);
    assertThat(stats.medianRound()).isEqualTo(2);
    assertThat(stats.warmup()).isEqualTo(2);
    assertThat(stats.repeat()).isEqualTo(3);
  }

  @Test
  void evenCountAveragesTheMiddleTwoAndReportsTheNearestRound() {
    RoundStats stats = RoundStats.of(0, List.of(4.0, 1.0, 2.0, 10.0));

    assertThat(stats.medianSeconds()).isEqualTo(3.0);
    assertThat(stats.elapsedSeconds().get(stats.medianRound())).isIn(2.0, 4.0);
  }

  @Test
  void theRoundsLineSaysInHowManyRoundsTheJvmsCompiled() {
    assertThat(TextReport.roundsLine(RoundStats.of(9, List.of(0.5, 0.4, 0.45), 2)))
        .isEqualTo(
            "  rounds     median 0.450 s, min 0.400 s, max 0.500 s over 3 counted round(s) after 9"
                + " warm-up; in 2 of them the JIT compiled for 5.0% or more of the JVMs' CPU");
    assertThat(TextReport.roundsLine(RoundStats.of(9, List.of(0.5, 0.4, 0.45))))
        .endsWith("after 9 warm-up");
  }

  @Test
  void oneRoundIsItsOwnMedianMinAndMax() {
    RoundStats stats = RoundStats.of(0, List.of(2.5));

    assertThat(stats.medianSeconds()).isEqualTo(2.5);
    assertThat(stats.minSeconds()).isEqualTo(2.5);
    assertThat(stats.maxSeconds()).isEqualTo(2.5);
  }

  @Test
  void noRoundsIsRefused() {
    assertThatThrownBy(() -> RoundStats.of(0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
