package io.taskfleet.producer.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.testing.ComposeFile;
import io.taskfleet.producer.ExampleJar;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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
 * The example plugin ({@code examples/sha256-kind}, as the build left it) through {@code docker
 * compose up}, the way README's "Run your own task" says: its jar in a folder given as {@code
 * PLUGINS_DIR}, mounted into the workers and the producer, and the producer's command asking for
 * {@code --kind sha256} with its params. A compose project of its own with the broker on ports
 * apart from a local one's (EXAMPLE_IT_AMQP_PORT / EXAMPLE_IT_UI_PORT, default 35700 / 35701). Runs
 * only with {@code -Pcontainers}; skips, saying why, without a Docker engine.
 */
@Tag("containers")
class ComposeExampleKindIT {

  private static final int WORKERS = 2;
  private static final int TASKS = 200;
  private static final List<String> PRODUCER_COMMAND =
      List.of(
          "producer",
          "--kind",
          "sha256",
          "--param",
          "bytes=65536",
          "--param",
          "rounds=1000",
          "--param",
          "seed=7");
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);

  private final String project =
      "taskfleet-example-" + UUID.randomUUID().toString().substring(0, 6);
  private Path work;
  private Path plugins;
  private Path reports;
  private ComposeCli compose;

  @BeforeEach
  void needsDockerAndThePluginInAFolder() throws IOException {
    Optional<String> unavailable = ComposeCli.unavailableReason();
    unavailable.ifPresent(reason -> System.err.println("ComposeExampleKindIT skipped: " + reason));
    assumeTrue(unavailable.isEmpty(), () -> "container test skipped: " + unavailable.orElseThrow());
    work = Files.createTempDirectory("compose-example-it");
    // The containers run as uid 10001: the folders and the jar must be readable by others.
    readable(work);
    plugins = readable(Files.createDirectory(work.resolve("plugins")));
    Path jar = Files.copy(ExampleJar.path(), plugins.resolve("sha256-kind.jar"));
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    reports = Files.createDirectory(work.resolve("reports"));
  }

  @AfterEach
  void down() {
    if (compose != null) {
      compose.run(
          Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "45");
    }
  }

  @Test
  void examplePluginMountedIntoTheWorkersRunsEveryTaskWithCorrectValues() throws IOException {
    compose = compose(plugins, "");

    ComposeCli.Result up =
        compose.run(
            UP_TIMEOUT,
            "up",
            "--build",
            "--scale",
            "worker=" + WORKERS,
            "--exit-code-from",
            "producer");
    List<String> workerIds =
        containerIds(compose.run(Duration.ofMinutes(1), "ps", "-a", "-q", "worker"));

    assertThat(up.exitCode()).as(tail(up.output())).isZero();
    assertThat(up.output()).contains("sha256, 1000 round(s) over 65536 bytes");
    JsonNode run =
        new ObjectMapper()
            .readTree(reports.resolve("fleet-report.json").toFile())
            .get("runs")
            .get(0);
    assertThat(run.get("kind").asText()).isEqualTo("sha256");
    assertThat(run.get("completed").asInt()).isEqualTo(TASKS);
    assertThat(run.get("failed").asInt()).isZero();
    assertThat(run.get("missing").asInt()).isZero();
    assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
    Set<String> hosts = new HashSet<>();
    run.get("workers").forEach(w -> hosts.add(w.get("host").asText()));
    assertThat(workerIds).hasSize(WORKERS);
    // A container's host name is its id, shortened: each worker in the report is one container.
    assertThat(hosts)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(host -> assertThat(workerIds).anyMatch(id -> id.startsWith(host)));
    assertThat(workerIds)
        .allSatisfy(
            id -> assertThat(logs(id)).contains("serving kinds [cpu, sleep, http, image, sha256]"));
  }

  @Test
  void withoutThePluginInTheWorkersTheProducerRefusesUpFront() throws IOException {
    // The workers' folder is empty; only the producer's own mount holds the jar, so it knows the
    // kind and can ask whether an attached worker serves it.
    Path empty = readable(Files.createDirectory(work.resolve("no-plugins")));
    compose = compose(empty, "    volumes:\n      - \"" + plugins + ":/app/plugins:ro\"\n");

    ComposeCli.Result up =
        compose.run(
            UP_TIMEOUT,
            "up",
            "--build",
            "--scale",
            "worker=" + WORKERS,
            "--exit-code-from",
            "producer");
    List<String> workerIds =
        containerIds(compose.run(Duration.ofMinutes(1), "ps", "-a", "-q", "worker"));

    assertThat(up.exitCode()).as(tail(up.output())).isEqualTo(1);
    assertThat(up.output())
        .contains(
            "no worker attached to 'tasks' serves kind sha256: start the workers with --plugins"
                + " DIR");
    assertThat(workerIds)
        .hasSize(WORKERS)
        .allSatisfy(
            id ->
                assertThat(logs(id))
                    .contains("serving kinds [cpu, sleep, http, image]")
                    .doesNotContain("sha256"));
  }

  /**
   * compose.yaml with PLUGINS_DIR as given, and an override file of the producer's command plus
   * {@code producerExtra} (lines of its service, indented).
   */
  private ComposeCli compose(Path pluginsDir, String producerExtra) throws IOException {
    Path override = work.resolve("compose.override.yaml");
    Files.writeString(override, producerCommand(producerExtra));
    Map<String, String> env = new HashMap<>();
    env.put("COMPOSE_FILE", "compose.yaml" + File.pathSeparator + override);
    env.put("PLUGINS_DIR", pluginsDir.toString());
    env.put("REPORTS_DIR", reports.toString());
    env.put("PRODUCER_TASKS", String.valueOf(TASKS));
    env.put("RABBITMQ_AMQP_PORT", System.getenv().getOrDefault("EXAMPLE_IT_AMQP_PORT", "35700"));
    env.put("RABBITMQ_UI_PORT", System.getenv().getOrDefault("EXAMPLE_IT_UI_PORT", "35701"));
    return ComposeCli.forProject(ComposeFile.find().directory(), project, env);
  }

  private static String producerCommand(String producerExtra) {
    StringBuilder yaml = new StringBuilder("services:\n  producer:\n    command: [");
    for (int i = 0; i < PRODUCER_COMMAND.size(); i++) {
      yaml.append(i == 0 ? "" : ", ").append('"').append(PRODUCER_COMMAND.get(i)).append('"');
    }
    return yaml.append("]\n").append(producerExtra).toString();
  }

  private static Path readable(Path dir) throws IOException {
    return Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String logs(String containerId) {
    ComposeCli.Result logs = ComposeCli.docker(Duration.ofMinutes(1), "logs", containerId);
    assertThat(logs.exitCode()).as(logs.output()).isZero();
    return logs.output();
  }

  private static List<String> containerIds(ComposeCli.Result result) {
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
