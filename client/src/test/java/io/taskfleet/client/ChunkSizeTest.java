package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.ConfigException;
import org.junit.jupiter.api.Test;

class ChunkSizeTest {

  @Test
  void autoAndANumberAreUnderstood() {
    assertThat(ChunkSize.parse("AUTO")).isInstanceOf(ChunkSize.Auto.class);
    assertThat(ChunkSize.parse(" 7 ")).isEqualTo(new ChunkSize.Fixed(7));
  }

  @Test
  void aSizeOutOfRangeOrNotANumberIsRefusedWithTheFlagsName() {
    assertThatThrownBy(() -> ChunkSize.parse("0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--chunk");
    assertThatThrownBy(() -> ChunkSize.parse("many"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'many'");
  }
}
