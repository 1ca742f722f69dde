package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task queue that exists as classic, and a worker that wants quorum: one clear line, exit 2. */
class PreconditionIT {

  private final String queue = TestBroker.uniqueQueue("it-precondition");

  @AfterEach
  void cleanUp() {
    TestBroker.deleteTopology(queue);
  }

  @Test
  void aClassicQueueWhereQuorumIsWantedGivesOneLineAndExitCode2() throws Exception {
    try (Connection c = TestBroker.connect("it-precondition");
        Channel ch = c.createChannel()) {
      ch.queueDeclare(queue, true, false, false, null);
    }

    WorkerProcess.Exited worker =
        WorkerProcess.runToExit(TestBroker.amqpUrl(), Duration.ofSeconds(60), "--queue", queue);

    assertThat(worker.exitCode()).as(worker.stderr()).isEqualTo(2);
    assertThat(worker.stderr().strip().lines()).as(worker.stderr()).hasSize(1);
    assertThat(worker.stderr())
        .startsWith("worker: queue '" + queue + "' already exists with other arguments")
        .contains("PRECONDITION_FAILED", "--queue-type", "rabbitmqctl delete_queue " + queue)
        .doesNotContain("\tat ", "Exception");
  }
}
