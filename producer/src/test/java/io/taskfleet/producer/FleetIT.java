package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real thing: worker JVMs started from the jar, the producer, a real broker. */
class FleetIT {

  private String queue;
  private final List<WorkerProcess> workers = new ArrayList<>();

  @BeforeEach
  void uniqueQueue() {
    queue = TestBroker.uniqueQueue("it-fleet");
  }

  @AfterEach
  void cleanUp() {
    workers.forEach(WorkerProcess::close);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void twoWorkerProcessesComputeEveryTaskCorrectlyAndLeaveNothingBehind() {
    String url = TestBroker.amqpUrl();
    workers.add(WorkerProcess.start(url, "--queue", queue));
    workers.add(WorkerProcess.start(url, "--queue", queue));

    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of(),
            "--amqp-url",
            url,
            "--queue",
            queue,
            "--tasks",
            "500",
            "--await-workers",
            "2");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonNode run = outcome.run(0);
    assertThat(run.get("mode").asText()).isEqualTo("fleet");
    assertThat(run.get("tasks").asInt()).isEqualTo(500);
    assertThat(run.get("completed").asInt()).isEqualTo(500);
    assertThat(run.get("failed").asInt()).isZero();
    assertThat(run.get("duplicates").asInt()).isZero();
    assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
    Set<Long> pids = new HashSet<>();
    int total = 0;
    for (JsonNode worker : run.get("workers")) {
      pids.add(worker.get("pid").asLong());
      total += worker.get("tasks").asInt();
    }
    assertThat(pids).containsExactlyInAnyOrder(workers.get(0).pid(), workers.get(1).pid());
    assertThat(total).isEqualTo(500);
    assertThat(run.get("elapsedSeconds").asDouble()).isPositive();
    assertThat(run.get("latencyMs").get("p99").asDouble())
        .isGreaterThanOrEqualTo(run.get("latencyMs").get("p50").asDouble());
    assertThat(outcome.out()).contains("completed  500", "2 distinct");

    String resultQueue = queue + ".results." + run.get("runId").asText();
    assertThat(TestBroker.queueExists(resultQueue)).as("result queue deleted").isFalse();
    assertThat(TestBroker.messageCount(queue)).as("task queue drained").isZero();
    assertThat(TestBroker.messageCount(queue + ".dead")).as("nothing dead-lettered").isZero();
  }

  @Test
  void timeoutWithoutWorkersReportsTheMissingTasksAndFails() {
    String url = TestBroker.amqpUrl();

    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of(), "--amqp-url", url, "--queue", queue, "--tasks", "5", "--timeout", "1");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out())
        .contains("MISSING    5 task(s) without a result at the timeout: 0, 1, 2, 3, 4");
    assertThat(outcome.err()).contains("timed out after 1 s with 5 task(s) missing");
    assertThat(outcome.run(0).get("missing").asInt()).isEqualTo(5);
  }
}
