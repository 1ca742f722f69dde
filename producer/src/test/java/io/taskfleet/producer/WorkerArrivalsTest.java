package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerArrivalsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void settlesOnceTheCountHasNotChangedForTheSettleTime() {
    WorkerArrivals arrivals = new WorkerArrivals(Duration.ofSeconds(5));

    assertThat(arrivals.settled(1, 0)).isFalse();
    assertThat(arrivals.settled(2, 3 * SECOND)).isFalse();
    assertThat(arrivals.settled(2, 7 * SECOND)).isFalse();
    assertThat(arrivals.settled(3, 7 * SECOND + 1)).isFalse();
    assertThat(arrivals.settled(3, 13 * SECOND)).isTrue();
  }

  @Test
  void neverSettlesWithoutAWorker() {
    WorkerArrivals arrivals = new WorkerArrivals(Duration.ofSeconds(5));

    assertThat(arrivals.settled(0, 0)).isFalse();
    assertThat(arrivals.settled(0, 60 * SECOND)).isFalse();
  }

  @Test
  void aWorkerLeavingAlsoRestartsTheWait() {
    WorkerArrivals arrivals = new WorkerArrivals(Duration.ofSeconds(5));

    arrivals.settled(3, 0);
    assertThat(arrivals.settled(2, 4 * SECOND)).isFalse();
    assertThat(arrivals.settled(2, 8 * SECOND)).isFalse();
    assertThat(arrivals.settled(2, 9 * SECOND)).isTrue();
  }
}
