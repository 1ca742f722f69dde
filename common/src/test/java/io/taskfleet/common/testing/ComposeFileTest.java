package io.taskfleet.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

  @Test
  void interpolationFollowsComposeRules() {
    Map<String, String> vars = Map.of("USER", "fleet", "EMPTY", "");

    assertThat(ComposeFile.interpolate("amqp://${USER}@h", vars)).isEqualTo("amqp://fleet@h");
    assertThat(ComposeFile.interpolate("${MISSING:-2}", vars)).isEqualTo("2");
    assertThat(ComposeFile.interpolate("${EMPTY:-2}", vars)).isEqualTo("2");
    assertThat(ComposeFile.interpolate("${EMPTY-2}", vars)).isEmpty();
    assertThat(ComposeFile.interpolate("${MISSING}", vars)).isEmpty();
    assertThat(ComposeFile.interpolate("$$HOME", vars)).isEqualTo("$HOME");
    assertThatThrownBy(() -> ComposeFile.interpolate("${MISSING:?set it}", vars))
        .hasMessage("MISSING is required: set it");
  }

  @Test
  void projectComposeFileHasTheFleetsServices() {
    ComposeFile compose = ComposeFile.find();

    assertThat(compose.service("rabbitmq")).containsKey("healthcheck");
    assertThat(compose.service("worker")).containsKey("healthcheck");
    assertThat(compose.service("producer")).containsKey("volumes");
    assertThat(compose.dotEnv()).containsKeys("RABBITMQ_USER", "RABBITMQ_PASSWORD");
  }
}
