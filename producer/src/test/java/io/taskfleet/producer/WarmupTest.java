package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.ConfigException;
import io.taskfleet.producer.report.Cost;
import java.util.ArrayList;
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
  void autoRunsAtLeastEightRoundsAndUntilThreeInARowCompileUnderFivePercent() {
    Warmup auto = Warmup.parse("AUTO");
    Cost busy = round(1, 0.05);
    Cost quiet = round(1, 0.049);

    List<Cost> five = Collections.nCopies(5, busy);

    assertThat(auto.another(List.of())).isTrue();
    assertThat(auto.another(List.of(quiet, quiet, quiet)))
        .as("quiet at first, but C2 compiles in bursts: at least " + Warmup.Auto.MIN_ROUNDS)
        .isTrue();
    assertThat(auto.another(concat(five, busy, quiet, quiet))).isTrue();
    assertThat(auto.another(concat(five, quiet, busy, quiet, quiet))).isTrue();
    assertThat(auto.another(concat(five, quiet, quiet, quiet))).isFalse();
    assertThat(auto.another(concat(five, busy, quiet, null, quiet)))
        .as("a round that says nothing of its cost counts as quiet")
        .isFalse();
    assertThat(auto.another(Collections.nCopies(Warmup.Auto.MAX_ROUNDS, busy)))
        .as("the cap")
        .isFalse();
  }

  private static List<Cost> concat(List<Cost> first, Cost... then) {
    List<Cost> all = new ArrayList<>(first);
    all.addAll(Arrays.asList(then));
    return all;
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
