package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.BrokerControl;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker drops every connection of this test's producer and workers, twice, mid-run (only
 * theirs: the broker may be shared). They reconnect by themselves, the consumers come back, and the
 * run completes with every task once. The tasks download from a server the test holds at each drop,
 * so the run is mid-way whenever the drop happens.
 */
class ConnectionDropIT {

  /** The producer's, and two per worker (tasks; kinds served). */
  private static final int CONNECTIONS = 5;

  private static final int TASKS = 1_000;

  private String queue;
  private WorkerProcess first;
  private WorkerProcess second;
  private ProducerProcess producer;
  private final GatedHttpServer server = new GatedHttpServer();

  @BeforeEach
  void uniqueQueue() {
    queue = TestBroker.uniqueQueue("it-drop");
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(producer, first, second, server);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void producerAndWorkersRecoverFromDroppedConnectionsAndLoseNothing() {
    String url = TestBroker.amqpUrl();
    BrokerControl broker = BrokerControl.forTestBroker();
    first = WorkerProcess.start(url, "--queue", queue);
    second = WorkerProcess.start(url, "--queue", queue);
    // http tasks against a server the test holds: the run cannot end while a drop is prepared,
    // however fast or slow this machine is.
    server.closeAt(TASKS / 5);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(TASKS),
            "--kind",
            "http",
            "--url",
            server.url(),
            "--await-workers",
            "2",
            "--timeout",
            "120");
    Predicate<String> ours =
        name ->
            name.endsWith(":" + producer.pid())
                || name.endsWith(":" + first.pid())
                || name.endsWith(":" + second.pid());

    int dropped = 0;
    for (int gate : new int[] {TASKS / 5, TASKS / 2}) {
      server.closeAt(gate);
      await("the workers held at task " + gate)
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.answered() >= gate && server.waiting() >= 2);
      // The management API lists a connection a moment after it opens (or reopens). Each worker
      // has two: its tasks, and the kinds it serves (marker queues).
      await("the broker lists all five")
          .atMost(Duration.ofSeconds(30))
          .until(() -> broker.connections(ours).size() == CONNECTIONS);
      int closed = broker.closeConnections(ours);
      assertThat(closed).as("connections of this test's processes").isEqualTo(CONNECTIONS);
      dropped += closed;
      await("all five reconnect")
          .atMost(Duration.ofSeconds(30))
          .until(() -> broker.connections(ours).size() == CONNECTIONS);
      server.open();
    }

    assertThat(producer.waitFor(Duration.ofSeconds(150))).as(producer.stderr()).isZero();
    JsonNode run = producer.run();
    FleetChecks.everyTaskExactlyOnce(run, TASKS);
    FleetChecks.nothingLeftBehind(queue, run);
    assertThat(first.isAlive()).isTrue();
    assertThat(second.isAlive()).isTrue();
    assertThat(first.output() + second.output() + producer.stderr())
        .as("the password never appears in logs")
        .doesNotContain(url.replaceFirst("^amqps?://", ""));
    FleetChecks.figures("connection-drop", run, "connectionDrops=" + dropped);
  }

  @Test
  void aResultQueueDeletedMidRunIsDeclaredAgainAndItsTasksRunAgain() {
    String url = TestBroker.amqpUrl();
    // Held at 180 of 600 answered: the run is at 30% when its result queue goes.
    server.closeAt(180);
    BrokerControl broker = BrokerControl.forTestBroker();
    first = WorkerProcess.start(url, "--queue", queue);
    second = WorkerProcess.start(url, "--queue", queue);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            "600",
            "--kind",
            "http",
            "--url",
            server.url(),
            "--await-workers",
            "2",
            "--timeout",
            "120");

    producer.awaitStderr("(30%)", Duration.ofSeconds(60));
    String runId =
        producer
            .stderr()
            .lines()
            .filter(l -> l.contains("(30%)"))
            .findFirst()
            .orElseThrow()
            .split(":")[0];
    assertThat(broker.deleteQueue(queue + ".results." + runId)).isTrue();
    server.open();

    assertThat(producer.waitFor(Duration.ofSeconds(150))).as(producer.stderr()).isZero();
    JsonNode run = producer.run();
    FleetChecks.everyTaskExactlyOnce(run, 600);
    // Copies of tasks whose result did get through may still wait in the task queue: the
    // workers run them and the broker drops their results (the queue is gone).
    await("copies drained")
        .atMost(Duration.ofSeconds(60))
        .until(() -> TestBroker.messageCount(queue) == 0);
    FleetChecks.nothingLeftBehind(queue, run);
    assertThat(run.get("republished").asLong())
        .as("tasks without a result published again")
        .isPositive();
    FleetChecks.figures("result-queue-deleted", run, "resultQueuesDeleted=1");
  }
}
