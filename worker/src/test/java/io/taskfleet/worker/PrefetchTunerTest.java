package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefetchTunerTest {

  @Test
  void beforeAnyMeasurementEverySlotBusyAndOneMessageWaitingForEach() {
    assertThat(new PrefetchTuner(1, 100).initial()).isEqualTo(2);
    assertThat(new PrefetchTuner(4, 100).prefetch()).isEqualTo(8);
    assertThat(new PrefetchTuner(16, 100).initial()).isEqualTo(32);
    assertThat(new PrefetchTuner(150, 100).initial()).isEqualTo(PrefetchTuner.MAX);
  }

  @Test
  void enoughMessagesToHideOneRoundTripBehindTheCompute() {
    PrefetchTuner tuner = new PrefetchTuner(2, 100);
    tuner.roundTrip(10_000_000);
    tuner.messageComputed(4_000_000, 1);

    // 2 slots + ceil(2 × 10 ms / 4 ms)
    assertThat(tuner.prefetch()).isEqualTo(7);
  }

  @Test
  void aChunkWithATaskForEverySlotFillsThemAllAlone() {
    // 100 sleeps at once, chunks of 2,000 tasks of 10 ms: 20 s of waiting per message
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.sawIo();
    tuner.roundTrip(5_000_000);
    tuner.messageComputed(20_000_000_000L, 2_000);

    // ceil(100 / 2,000) + max(1, ceil(100 × 5 ms / 20 s)): not 200, a run's every message
    assertThat(tuner.prefetch()).isEqualTo(2);
  }

  @Test
  void smallChunksNeedAMessageForEveryFewSlots() {
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.sawIo();
    tuner.roundTrip(5_000_000);
    tuner.messageComputed(250_000_000, 25); // 25 sleeps of 10 ms

    // ceil(100 / 25) + ceil(100 × 5 ms / 250 ms)
    assertThat(tuner.prefetch()).isEqualTo(6);
  }

  @Test
  void atMostTheCapHoweverShortTheMessages() {
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.roundTrip(70_000_000);
    tuner.messageComputed(1_000, 1);

    assertThat(tuner.prefetch()).isEqualTo(PrefetchTuner.MAX);
  }

  @Test
  void ioTasksSizeItForTheIoSlots() {
    PrefetchTuner tuner = new PrefetchTuner(1, 50);
    tuner.sawIo();

    assertThat(tuner.ioJustSeen()).isTrue();
    assertThat(tuner.ioJustSeen()).isFalse();
    assertThat(tuner.prefetch()).isEqualTo(100);
  }

  @Test
  void itGrowsByHalfOrMore() {
    // 1 slot + ceil(10 ms / 2 ms) = 6
    assertThat(tuned(10_000_000, 2_000_000).next(3)).isEqualTo(6);
    assertThat(tuned(10_000_000, 2_000_000).next(5)).as("not half as many again").isEqualTo(5);
    assertThat(new PrefetchTuner(1, 100).next(1)).as("2 from the start").isEqualTo(2);
  }

  @Test
  void itShrinksToAQuarterOrLessOnlyWhenTwoChecksInARowAskForIt() {
    PrefetchTuner tuner = tuned(3_000_000, 60_000_000); // 1 + ceil(3 ms / 60 ms) = 2

    assertThat(tuner.next(49)).as("one check is not enough").isEqualTo(49);
    assertThat(tuner.next(49)).isEqualTo(2);
  }

  @Test
  void aCheckThatDoesNotAskForAQuarterStartsTheCountAgain() {
    PrefetchTuner tuner = tuned(3_000_000, 60_000_000);
    assertThat(tuner.next(49)).isEqualTo(49);
    for (int i = 0; i < 30; i++) {
      tuner.messageComputed(1_000, 1); // tiny messages again
    }
    assertThat(tuner.prefetch()).isBetween(25, 73);
    assertThat(tuner.next(49)).isEqualTo(49);
    for (int i = 0; i < 30; i++) {
      tuner.messageComputed(600_000_000, 1);
    }

    assertThat(tuner.next(49)).as("the count started again").isEqualTo(49);
    assertThat(tuner.next(49)).isEqualTo(2);
  }

  @Test
  void betweenAFewMessagesItStaysPut() {
    PrefetchTuner tuner = tuned(3_000_000, 60_000_000); // wants 2

    assertThat(tuner.next(6)).as("2 is a third of 6, not a quarter").isEqualTo(6);
    assertThat(tuner.next(6)).isEqualTo(6);
    assertThat(tuner.next(8)).isEqualTo(8);
    assertThat(tuner.next(8)).isEqualTo(2);
  }

  private static PrefetchTuner tuned(long roundTripNanos, long computeNanosPerMessage) {
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.roundTrip(roundTripNanos);
    tuner.messageComputed(computeNanosPerMessage, 1);
    return tuner;
  }
}
