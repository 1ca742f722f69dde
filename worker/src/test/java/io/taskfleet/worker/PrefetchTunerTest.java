package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefetchTunerTest {

  @Test
  void buffersEnoughToHideTheRoundTrip() {
    PrefetchTuner tuner = new PrefetchTuner(2, 100);
    tuner.roundTrip(10_000_000);
    tuner.messageComputed(4_000_000);

    assertThat(tuner.prefetch()).isEqualTo(2 + 5);
  }

  @Test
  void tinyMessagesBufferAtMostMaxAheadBeyondTheComputingOnes() {
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.roundTrip(20_000_000);
    tuner.messageComputed(1_000);

    assertThat(tuner.prefetch()).isEqualTo(1 + PrefetchTuner.MAX_AHEAD);
  }

  @Test
  void ioBoundSlotsAreAllFilledUpToTheAbsoluteCap() {
    PrefetchTuner tuner = new PrefetchTuner(1, 100);
    tuner.sawIo();
    tuner.roundTrip(20_000_000);
    tuner.messageComputed(10_000_000);

    assertThat(tuner.prefetch()).isEqualTo(100 + PrefetchTuner.MAX_AHEAD);

    PrefetchTuner wide = new PrefetchTuner(1, 190);
    wide.sawIo();
    wide.roundTrip(20_000_000);
    wide.messageComputed(10_000_000);
    assertThat(wide.prefetch()).isEqualTo(PrefetchTuner.MAX);
  }
}
