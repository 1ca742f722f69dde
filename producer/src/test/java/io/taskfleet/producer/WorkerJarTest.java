package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerJarTest {

  @Test
  void fromProducerJarLooksBesideItAndInTheSiblingModule() {
    Path producerJar = Path.of("/src/taskfleet/producer/target/producer.jar");

    assertThat(WorkerJar.candidates(producerJar))
        .startsWith(Path.of("/src/taskfleet/producer/target/worker.jar"))
        .contains(Path.of("/src/taskfleet/worker/target/worker.jar"));
  }
}
