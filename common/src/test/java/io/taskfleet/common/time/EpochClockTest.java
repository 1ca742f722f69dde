package io.taskfleet.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class EpochClockTest {

  @Test
  void derivesEpochMicrosFromTheMonotonicClock() {
    EpochClock clock = new EpochClock(5_000_000, 1_700_000_000_000_000L);

    assertThat(clock.epochMicros(5_000_000)).isEqualTo(1_700_000_000_000_000L);
    assertThat(clock.epochMicros(7_500_000)).isEqualTo(1_700_000_000_002_500L);
  }

  @Test
  void theSystemClockIsCloseToTheWallClock() {
    EpochClock clock = new EpochClock();

    long derived = clock.epochMicros(System.nanoTime());

    long wall = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    assertThat(Math.abs(wall - derived)).isLessThan(1_000_000);
  }
}
