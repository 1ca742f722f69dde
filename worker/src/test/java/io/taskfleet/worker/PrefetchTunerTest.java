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
    tuner.messageComputed(4_000_000);

    // 2 slots + ceil(2 × 10 ms / 4 ms)
    assertThat(tuner.prefetch()).isEqualTo(7);
  }

  @Test
  void atMostTheCapHoweverShortTheMessages() {
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.roundTrip(70_000_000);
    tuner.messageComputed(1_000);

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
  void itOnlyGrowsAndOnlyByHalfOrMore() {
    assertThat(PrefetchTuner.worthRaising(3, 65)).isTrue();
    assertThat(PrefetchTuner.worthRaising(200, 41)).as("never shrinks").isFalse();
    assertThat(PrefetchTuner.worthRaising(40, 59)).as("not by half").isFalse();
    assertThat(PrefetchTuner.worthRaising(40, 60)).isTrue();
    assertThat(PrefetchTuner.worthRaising(2, 3)).as("one more waiting, from the start").isTrue();
  }
}
