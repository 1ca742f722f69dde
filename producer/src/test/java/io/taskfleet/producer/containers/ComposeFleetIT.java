package io.taskfleet.producer.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.testing.ComposeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code docker compose up} for real: the image built from the Dockerfile, RabbitMQ, three worker
 * containers and the producer, in a project of its own with the broker on ports apart from a local
 * one's (COMPOSE_IT_AMQP_PORT / COMPOSE_IT_UI_PORT, default 35672 / 35673). Runs only with {@code
 * -Pcontainers}; skips, saying why, without a Docker engine.
 */
@Tag("containers")
class ComposeFleetIT {

  private static final int WORKERS = 3;
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
  private static final int OTHER_UID = 4321;

  private final String project = "taskfleet-it-" + UUID.randomUUID().toString().substring(0, 6);
  private ComposeCli compose;
  private Path reports;

  @BeforeEach
  void needsDocker() throws IOException {
    Optional<String> unavailable = ComposeCli.unavailableReason();
    unavailable.ifPresent(reason -> System.err.println("ComposeFleetIT skipped: " + reason));
    assumeTrue(unavailable.isEmpty(), () -> "container test skipped: " + unavailable.orElseThrow());
    reports = Files.createTempDirectory("compose-it-reports");
    // Owned by a uid that is neither root, nor 1000, nor the image's user, when this test may
    // give it away: the report must end up owned by it, with no variable set.
    if (ReportsOwner.isRoot()) {
      ReportsOwner.chown(reports, OTHER_UID);
    }
    // No WORKERS: --scale alone must be enough.
    Map<String, String> env =
        Map.of(
            "RABBITMQ_AMQP_PORT", System.getenv().getOrDefault("COMPOSE_IT_AMQP_PORT", "35672"),
            "RABBITMQ_UI_PORT", System.getenv().getOrDefault("COMPOSE_IT_UI_PORT", "35673"),
            "REPORTS_DIR", reports.toString());
    compose = ComposeCli.forProject(ComposeFile.find().directory(), project, env);
  }

  @AfterEach
  void down() {
    if (compose != null) {
      compose.run(
          Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "45");
    }
  }

  @Test
  void scaledToThreeWorkersEveryTaskIsComputedAndTheReportBelongsToTheFolderOwner()
      throws IOException {
    ComposeCli.Result up =
        compose.run(
            UP_TIMEOUT,
            "up",
            "--build",
            "--scale",
            "worker=" + WORKERS,
            "--exit-code-from",
            "producer");
    List<String> workerIds = lines(compose.run(Duration.ofMinutes(1), "ps", "-q", "worker"));

    assertThat(up.exitCode()).as(tail(up.output())).isZero();
    assertThat(up.output())
        .contains("completed  500   failed 0", WORKERS + " distinct (host, pid)");
    JsonNode run =
        new ObjectMapper()
            .readTree(reports.resolve("fleet-report.json").toFile())
            .get("runs")
            .get(0);
    assertThat(run.get("completed").asInt()).isEqualTo(500);
    assertThat(run.get("failed").asInt()).isZero();
    assertThat(run.get("missing").asInt()).isZero();
    assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
    assertThat(run.get("distinctWorkers").asInt()).isEqualTo(WORKERS);
    assertThat(reports.resolve("fleet-report.html")).isNotEmptyFile();
    int folderOwner = ReportsOwner.uid(reports);
    assertThat(ReportsOwner.uid(reports.resolve("fleet-report.json"))).isEqualTo(folderOwner);
    assertThat(ReportsOwner.uid(reports.resolve("fleet-report.html"))).isEqualTo(folderOwner);
    Set<String> hosts = new HashSet<>();
    run.get("workers").forEach(w -> hosts.add(w.get("host").asText()));
    assertThat(workerIds).hasSize(WORKERS);
    // A container's host name is its id, shortened: each worker in the report is one container.
    assertThat(hosts)
        .hasSize(WORKERS)
        .allSatisfy(host -> assertThat(workerIds).anyMatch(id -> id.startsWith(host)));
  }

  private static List<String> lines(ComposeCli.Result result) {
    return Arrays.stream(result.output().split("\n"))
        .map(String::strip)
        .filter(line -> line.matches("[0-9a-f]{64}"))
        .toList();
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join(
        "\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 80), lines.length));
  }
}
