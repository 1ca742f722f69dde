package io.taskfleet.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void groupsThousands() {
    assertThat(Numbers.grouped(4_000_000)).isEqualTo("4,000,000");
    assertThat(Numbers.fixed(1234.5678, 2)).isEqualTo("1,234.57");
  }

  @Test
  void rangesCompressRunsAndStopAtTheLimit() {
    BitSet bits = new BitSet();
    bits.set(3, 8);
    bits.set(12);
    bits.set(40, 42);

    assertThat(Numbers.ranges(bits, 10)).isEqualTo("3-7, 12, 40-41");
    assertThat(Numbers.ranges(bits, 2)).isEqualTo("3-7, 12, ...");
  }
}
