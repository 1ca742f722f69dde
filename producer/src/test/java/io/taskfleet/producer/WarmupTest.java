package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.ConfigException;
import io.taskfleet.producer.report.Cost;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {

  /** A round in which the JVMs used {@code cpu} seconds, {@code jit} of them compiling. */
  private static Cost round(double cpu, double jit) {
    return new Cost(
        List.of(
            new Cost.ProcessCost("producer", "me:1", cpu / 2, jit / 2, 100, 1),
            new Cost.ProcessCost("worker", "h:1", cpu / 2, jit / 2, 100, 1),
            // The broker is no JVM: its CPU does not dilute the share.
            new Cost.ProcessCost("broker", "1 local RabbitMQ process", 100, 0, 100, 1)),
        List.of());
  }

  @Test
  void aFixedCountIsHonouredExactly() {
    Warmup three = Warmup.parse("3");

    assertThat(three.another(List.of(round(1, 0.9), round(1, 0.9)))).isTrue();
    assertThat(three.another(List.of(round(1, 0.9), round(1, 0.9), round(1, 0.9)))).isFalse();
    assertThat(Warmup.parse(" 0 ").another(List.of())).isFalse();
  }

  @Test
  void autoGoesOnUntilThreeRoundsInARowCompileUnderFivePercent() {
    Warmup auto = Warmup.parse("AUTO");
    Cost busy = round(1, 0.05);
    Cost quiet = round(1, 0.049);

    assertThat(auto.another(List.of())).isTrue();
    assertThat(auto.another(List.of(quiet, quiet))).as("too few rounds to tell").isTrue();
    assertThat(auto.another(List.of(busy, quiet, quiet))).isTrue();
    assertThat(auto.another(List.of(quiet, quiet, busy, quiet, quiet))).isTrue();
    assertThat(auto.another(List.of(busy, busy, quiet, quiet, quiet))).isFalse();
    assertThat(auto.another(Arrays.asList(busy, quiet, null, quiet)))
        .as("a round that says nothing of its cost counts as quiet")
        .isFalse();
    assertThat(auto.another(Collections.nCopies(Warmup.Auto.MAX_ROUNDS, busy)))
        .as("the cap")
        .isFalse();
  }

  @Test
  void anythingElseIsOneReadableError() {
    assertThatThrownBy(() -> Warmup.parse("-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--warmup must be auto or >= 0, was -1");
    assertThatThrownBy(() -> Warmup.parse("warm"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--warmup must be auto or a number of rounds, was 'warm'");
  }
}
