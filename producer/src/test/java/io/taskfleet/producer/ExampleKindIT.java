package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin ({@code examples/sha256-kind}, built before this module) dropped into a plugin
 * folder: measured in every mode by the producer jar with workers it spawns, run from a tasks file,
 * and refused up front when no attached worker serves it.
 */
class ExampleKindIT {

  @TempDir Path plugins;
  private String queue;

  @BeforeEach
  void pluginFolderAndUniqueQueue() throws IOException {
    WorkerProcess.jar();
    Files.copy(ExampleJar.path(), plugins.resolve("sha256-kind.jar"));
    queue = TestBroker.uniqueQueue("it-example");
  }

  @AfterEach
  void cleanUp() {
    TestBroker.deleteTopology(queue);
  }

  private static List<String> modes(JsonNode report) {
    List<String> modes = new ArrayList<>();
    report.get("runs").forEach(run -> modes.add(run.get("mode").asText()));
    return modes;
  }

  @Test
  void pluginKindRunsInEveryModeWithCorrectValues() {
    try (ProducerProcess producer =
        ProducerProcess.start(
            TestBroker.amqpUrl(),
            "--queue",
            queue,
            "--mode",
            "all",
            "--spawn-workers",
            "2",
            "--threads",
            "2",
            "--plugins",
            plugins.toString(),
            "--kind",
            "sha256",
            "--param",
            "bytes=4096",
            "--param",
            "rounds=2000",
            "--param",
            "seed=7",
            "--tasks",
            "60")) {

      int code = producer.waitFor(Duration.ofMinutes(3));

      assertThat(code).as(producer.stderr()).isZero();
      JsonNode report = producer.report();
      assertThat(modes(report)).containsExactly("origin", "threads", "fleet");
      report
          .get("runs")
          .forEach(
              run -> {
                assertThat(run.get("kind").asText()).isEqualTo("sha256");
                assertThat(run.get("completed").asInt()).isEqualTo(60);
                assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
              });
      assertThat(producer.stdout()).contains("sha256, 2000 round(s) over 4096 bytes");
    }
  }

  @Test
  void tasksFileMixesBuiltInAndPluginKindsInEveryMode() throws IOException {
    Path tasks = plugins.getParent().resolve(plugins.getFileName() + "-tasks.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(
          "{\"kind\":\"sha256\",\"params\":{\"bytes\":1024,\"rounds\":100,\"seed\":" + i + "}}");
      lines.add("{\"kind\":\"cpu\",\"params\":{\"iterations\":" + (1000 * i) + "}}");
    }
    Files.write(tasks, lines);
    try (ProducerProcess producer =
        ProducerProcess.start(
            TestBroker.amqpUrl(),
            "--queue",
            queue,
            "--mode",
            "all",
            "--spawn-workers",
            "2",
            "--plugins",
            plugins.toString(),
            "--tasks-file",
            tasks.toString())) {

      int code = producer.waitFor(Duration.ofMinutes(3));

      assertThat(code).as(producer.stderr()).isZero();
      producer
          .report()
          .get("runs")
          .forEach(
              run -> {
                assertThat(run.get("kind").asText()).isEqualTo("sha256+cpu");
                assertThat(run.get("completed").asInt()).isEqualTo(40);
                assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
              });
    } finally {
      Files.deleteIfExists(tasks);
    }
  }

  @Test
  void fleetRunIsRefusedUpFrontWhenNoAttachedWorkerServesThePluginKind() {
    try (WorkerProcess worker = WorkerProcess.start(TestBroker.amqpUrl(), "--queue", queue)) {
      worker.awaitLog("worker started", Duration.ofSeconds(60));
      try (ProducerProcess producer =
          ProducerProcess.start(
              TestBroker.amqpUrl(),
              "--queue",
              queue,
              "--await-workers",
              "1",
              "--plugins",
              plugins.toString(),
              "--kind",
              "sha256",
              "--param",
              "bytes=16",
              "--param",
              "rounds=1",
              "--param",
              "seed=1",
              "--tasks",
              "5")) {

        int code = producer.waitFor(Duration.ofMinutes(1));

        assertThat(code).as(producer.stderr()).isEqualTo(1);
        assertThat(producer.stderr())
            .contains(
                "no worker attached to '"
                    + queue
                    + "' serves kind sha256: start the workers with --plugins DIR");
      }
      assertThat(worker.output()).contains("serving kinds [cpu, sleep, http, image]");
    }
  }
}
