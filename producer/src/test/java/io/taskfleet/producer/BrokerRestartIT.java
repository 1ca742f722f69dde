package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.testing.BrokerControl;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.PrivateBroker;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's app stopped and started mid-run ({@code rabbitmqctl stop_app} / {@code start_app}).
 * That disrupts every client of a broker, so this test always runs on a private container of its
 * own, even when {@code AMQP_URL} names one. Without a Docker engine (or without the image) it is
 * reported as skipped, with the reason printed; it never passes silently.
 */
class BrokerRestartIT {

  private static final int TASKS = 1_200;

  private PrivateBroker broker;
  private WorkerProcess first;
  private WorkerProcess second;
  private ProducerProcess producer;
  private final String queue = TestBroker.uniqueQueue("it-restart");

  @BeforeEach
  void privateBroker() {
    Optional<String> unavailable = PrivateBroker.unavailableBecause();
    if (unavailable.isPresent()) {
      String reason =
          "BrokerRestartIT SKIPPED: it needs a private RabbitMQ container and " + unavailable.get();
      System.err.println(reason);
      Assumptions.abort(reason);
    }
    broker = PrivateBroker.start();
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(producer, first, second, broker);
  }

  @Test
  void producerAndWorkersRideOutABrokerRestartAndLoseNothing() throws Exception {
    String url = broker.amqpUrl();
    BrokerControl control = broker.control();
    first = WorkerProcess.start(url, "--queue", queue);
    second = WorkerProcess.start(url, "--queue", queue);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(TASKS),
            "--iterations",
            "2000000",
            "--await-workers",
            "2",
            "--timeout",
            "150");

    producer.awaitStderr("(20%)", Duration.ofSeconds(60));
    control.stopApp();
    await("broker down for a while").pollDelay(Duration.ofSeconds(3)).until(() -> true);
    control.startApp();

    assertThat(producer.waitFor(Duration.ofSeconds(180))).as(producer.stderr()).isZero();
    JsonNode run = producer.run();
    FleetChecks.everyTaskExactlyOnce(run, TASKS);
    assertThat(first.isAlive()).isTrue();
    assertThat(second.isAlive()).isTrue();
    try (Connection c = factory(url).newConnection("it-restart-probe");
        Channel ch = c.createChannel()) {
      assertThat(ch.queueDeclarePassive(queue).getMessageCount()).as("task queue drained").isZero();
      assertThat(ch.queueDeclarePassive(queue + ".dead").getMessageCount()).isZero();
    }
    assertThat(resultQueueExists(url, queue + ".results." + run.get("runId").asText()))
        .as("result queue deleted")
        .isFalse();
    FleetChecks.figures("broker-restart", run, "brokerRestarts=1");
  }

  private static ConnectionFactory factory(String url) {
    ConnectionFactory factory = BrokerUrl.parse(url).toConnectionFactory();
    factory.setAutomaticRecoveryEnabled(false);
    return factory;
  }

  private static boolean resultQueueExists(String url, String name) throws Exception {
    try (Connection c = factory(url).newConnection("it-restart-probe")) {
      try (Channel ch = c.createChannel()) {
        ch.queueDeclarePassive(name);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
