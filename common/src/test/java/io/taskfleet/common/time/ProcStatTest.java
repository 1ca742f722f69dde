package io.taskfleet.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void userAndSystemTicksAreAddedWhateverTheThreadsName() {
    String stat =
        "4242 (C2 Compiler) Thre) S 1 2 3 0 -1 4194368 0 0 0 0 170 25 0 0 20 0 1 0 100 0 0"
            + " 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 -1 0 0 0 0 0 0";

    assertThat(ProcStat.cpuNanos(stat)).isEqualTo(195 * 10_000_000L);
  }
}
