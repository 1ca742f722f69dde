package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerHealthTest {

  private final WorkerConfig config =
      new WorkerConfig(
          BrokerUrl.parse("amqp://u:secret@rabbit:5672/%2F"),
          new Topology("tasks", QueueType.QUORUM, 5),
          2,
          10,
          1_000,
          65_536,
          Duration.ZERO,
          Duration.ofSeconds(1),
          1_000,
          1_000_000,
          Duration.ofSeconds(1),
          1_000_000,
          0);

  @Test
  void workerNotYetConnectedIsDownAndSaysWhereItConnectsWithoutThePassword() {
    WorkerHealth health = new Worker(config).health();

    assertThat(health.up()).isFalse();
    assertThat(health.detail())
        .isEqualTo("starting: connecting to amqp://u:****@rabbit:5672/%2F")
        .doesNotContain("secret");
  }

  @Test
  void closedWorkerIsDownAndStopping() {
    Worker worker = new Worker(config);

    worker.close();

    assertThat(worker.health()).isEqualTo(WorkerHealth.down("stopping"));
  }
}
