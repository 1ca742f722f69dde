package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UsageCadenceTest {

  private static final long MS = 1_000_000;

  private final UsageCadence cadence = new UsageCadence(Duration.ofMillis(100));

  @Test
  void theFirstMessageCarriesOneThenAtMostOnePerIntervalWhileBusy() {
    assertThat(cadence.due(5 * MS, false)).isTrue();
    assertThat(cadence.due(6 * MS, false)).isFalse();
    assertThat(cadence.due(104 * MS, false)).isFalse();
    assertThat(cadence.due(105 * MS, false)).isTrue();
    assertThat(cadence.due(150 * MS, false)).isFalse();
  }

  @Test
  void anIdleWorkerAlwaysSendsOne() {
    assertThat(cadence.due(0, false)).isTrue();
    assertThat(cadence.due(MS, true)).isTrue();
    assertThat(cadence.due(2 * MS, true)).isTrue();
    assertThat(cadence.due(3 * MS, false)).as("busy again: the first after idle").isTrue();
    assertThat(cadence.due(4 * MS, false)).isFalse();
  }

  @Test
  void theFirstMessageAfterIdleCarriesOneSoARunIsCountedFromItsStart() {
    assertThat(cadence.due(0, false)).isTrue();
    assertThat(cadence.due(10 * MS, true)).as("the last of a run").isTrue();
    assertThat(cadence.due(40 * MS, false)).as("the first of the next, 30 ms later").isTrue();
    assertThat(cadence.due(50 * MS, false)).isFalse();
    assertThat(cadence.due(140 * MS, false)).isTrue();
  }

  @Test
  void theIntervalCountsFromTheLastSnapshotWhateverTheClocksOrigin() {
    assertThat(cadence.due(Long.MIN_VALUE + 10, false)).isTrue();
    assertThat(cadence.due(Long.MIN_VALUE + 10 + 99 * MS, false)).isFalse();
    assertThat(cadence.due(Long.MIN_VALUE + 10 + 100 * MS, false)).isTrue();
  }
}
