package io.taskfleet.common.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuLoopTest {

  @Test
  void theSumAcrossAStripsEndIsTheClosedForm() {
    long n = (1L << 30) + 3; // one whole strip and three more numbers

    assertThat(CpuLoop.sum(n)).isEqualTo(n * (n - 1) / 2);
    assertThat(CpuLoop.sum(0)).isZero();
    assertThat(CpuLoop.sum(1)).isZero();
    assertThat(CpuLoop.sum(3)).isEqualTo(3);
  }
}
