package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole experiment in one invocation: the producer spawns real worker JVMs from the jar. */
class ModesIT {

  private String queue;

  @BeforeEach
  void uniqueQueue() {
    WorkerProcess.jar(); // fails early, saying how to build it, when worker.jar is missing
    queue = TestBroker.uniqueQueue("it-modes");
  }

  @AfterEach
  void cleanUp() {
    TestBroker.deleteTopology(queue);
  }

  private static List<Long> workerPids(JsonNode run) {
    List<Long> pids = new ArrayList<>();
    run.get("workers").forEach(w -> pids.add(w.get("pid").asLong()));
    return pids;
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void modeAllWithSpawnedWorkersPrintsTheTableAndLeavesNoWorkerBehind() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of(),
            "--amqp-url",
            TestBroker.amqpUrl(),
            "--queue",
            queue,
            "--mode",
            "all",
            "--spawn-workers",
            "2",
            "--tasks",
            "100",
            "--iterations",
            "100000",
            "--threads",
            "2");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonNode runs = outcome.json().get("runs");
    assertThat(runs).hasSize(3);
    assertThat(runs)
        .extracting(r -> r.get("mode").asText())
        .containsExactly("origin", "threads", "fleet");
    for (JsonNode run : runs) {
      assertThat(run.get("completed").asInt()).as(run.get("mode").asText()).isEqualTo(100);
      assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
      assertThat(run.get("elapsedSeconds").asDouble()).isPositive();
    }
    JsonNode fleet = runs.get(2);
    List<Long> pids = workerPids(fleet);
    assertThat(pids).hasSize(2).doesNotContain(ProcessHandle.current().pid());
    assertThat(fleet.get("decomposition").get("segments")).hasSize(8);
    assertThat(fleet.get("decomposition").get("computeShare").asDouble()).isBetween(0.0, 1.0);
    assertThat(workerPids(runs.get(0))).containsExactly(ProcessHandle.current().pid());

    JsonNode comparison = outcome.json().get("comparison");
    assertThat(comparison).hasSize(3);
    assertThat(comparison.get(0).get("speedup").asDouble()).isEqualTo(1.0);
    assertThat(comparison.get(2).get("workers").asInt()).isEqualTo(2);
    assertThat(outcome.out())
        .contains("Modes side by side", "workers × threads", "speedup", "efficiency")
        .containsPattern("origin +1 × 1 ")
        .containsPattern("threads +1 × [12] ")
        .containsPattern("fleet +2 × 1 ")
        .contains("where the time goes");

    assertThat(pids).as("spawned workers stopped").noneMatch(ModesIT::alive);
    assertThat(TestBroker.messageCount(queue)).as("task queue drained").isZero();
  }

  @Test
  void sweepWithRoundsAndAColdRunReportsBreakEvenAndStopsEveryWorker() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(
            Map.of(),
            "--amqp-url",
            TestBroker.amqpUrl(),
            "--queue",
            queue,
            "--mode",
            "all",
            "--spawn-workers",
            "1",
            "--tasks",
            "40",
            "--sweep-iterations",
            "0,200000",
            "--warmup",
            "1",
            "--repeat",
            "2",
            "--cold");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonNode json = outcome.json();
    // Per size: origin, threads, the fleet at auto and, beside it, at one task per message.
    assertThat(json.get("runs")).hasSize(8);
    assertThat(json.get("runs"))
        .extracting(r -> r.get("mode").asText())
        .containsSubsequence("origin", "threads", "fleet", "fleet-chunk-1");
    assertThat(json.get("sweep")).hasSize(2);
    assertThat(json.get("sweep").get(1).get("iterations").asLong()).isEqualTo(200_000);
    assertThat(json.get("sweep").get(1).get("rows")).hasSize(4);
    assertThat(json.get("breakEven"))
        .extracting(b -> b.get("fleet").asText() + " vs " + b.get("against").asText())
        .containsExactly(
            "fleet vs origin",
            "fleet vs threads",
            "fleet-chunk-1 vs origin",
            "fleet-chunk-1 vs threads");
    JsonNode chunkOne = json.get("runs").get(3);
    assertThat(chunkOne.get("messages").asInt()).isEqualTo(40);
    assertThat(chunkOne.get("cost").get("processes").get(0).get("role").asText())
        .isEqualTo("producer");
    JsonNode rounds = json.get("runs").get(0).get("rounds");
    assertThat(rounds.get("warmup").asInt()).isEqualTo(1);
    assertThat(rounds.get("elapsedSeconds")).hasSize(2);
    JsonNode cold = json.get("cold").get(0);
    assertThat(cold.get("cold").asBoolean()).isTrue();
    assertThat(cold.get("completed").asInt()).isEqualTo(40);
    assertThat(outcome.out())
        .contains("Granularity sweep", "Cold fleet")
        .containsPattern("The fleet .* origin")
        .containsPattern("The fleet .* threads")
        .containsPattern("The fleet at chunk 1 .* origin")
        .contains("chunk 1", "c1/origin");

    List<Long> pids = new ArrayList<>(workerPids(cold));
    json.get("runs")
        .forEach(
            r -> {
              if (r.get("mode").asText().equals("fleet")) {
                pids.addAll(workerPids(r));
              }
            });
    assertThat(pids).as("cold and warm workers differ").hasSizeGreaterThanOrEqualTo(2);
    assertThat(pids).as("spawned workers stopped").noneMatch(ModesIT::alive);
  }
}
