package io.taskfleet.examples.sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Sha256KindTest {

  private final Sha256Kind kind = new Sha256Kind();

  @Test
  void serviceLoaderFindsTheKind() {
    assertThat(KindRegistry.load(getClass().getClassLoader()).find("sha256")).isPresent();
  }

  @Test
  void oneRoundOfNoBytesIsTheKnownDigestOfNothing() {
    TaskValue value = kind.compute(new Sha256Params(0, 1, 7), TaskContext.DEFAULT);

    // sha256 of the empty input
    assertThat(value.digest())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(value.value()).isEqualTo(0xe3b0c44298fc1c14L);
  }

  @Test
  void expectedValueIsTheComputedOne() {
    Sha256Params p = new Sha256Params(4096, 50, 3);

    assertThat(kind.expectedValue(p)).hasValue(kind.compute(p, TaskContext.DEFAULT).value());
  }

  @Test
  void roundsOverTheWorkersLimitAreRefused() {
    Limits limits = Limits.of(Map.of(Sha256Kind.MAX_ROUNDS, 10L));

    assertThatThrownBy(() -> kind.validate(new Sha256Params(1, 11, 0), limits))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("params.rounds 11 exceeds this worker's limit of 10 (--max-sha256-rounds)");
    assertThatThrownBy(() -> kind.validate(new Sha256Params(1, 0, 0), limits))
        .hasMessage("params.rounds must be >= 1, was 0");
  }
}
