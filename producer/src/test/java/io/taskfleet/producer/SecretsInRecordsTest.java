package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records that hold the URL with its password print it hidden, should anyone log them. */
class SecretsInRecordsTest {

  private static final String URL = "amqp://fleet:pa/ss@w:rd-SECRET@rabbit.example:5672/%2F";

  @Test
  void experimentConfigPrintsTheUrlWithoutItsPassword() {
    ExperimentConfig config =
        new ExperimentConfig(
            Mode.FLEET, 2, 2, 1, 0, null, URL, new Warmup.Fixed(0), 1, false, List.of());

    assertThat(config.toString())
        .contains("amqp://fleet:****@rabbit.example")
        .doesNotContain("SECRET");
  }

  @Test
  void localFleetSpecPrintsTheUrlWithoutItsPassword() {
    LocalFleet.Spec spec =
        new LocalFleet.Spec(
            2, 1, 0, Path.of("worker.jar"), URL, new Topology("tasks", QueueType.QUORUM, 5), null);

    assertThat(spec.toString()).contains("amqp://fleet:****@").doesNotContain("SECRET");
  }
}
