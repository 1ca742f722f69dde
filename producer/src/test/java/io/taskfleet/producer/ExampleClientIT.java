package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ten-line client program ({@code examples/sha256-client}, built before this module) against a
 * worker serving the example plugin, and the same program on a pool in its own process.
 */
class ExampleClientIT {

  @TempDir Path plugins;
  @TempDir Path logs;
  private String queue;
  private WorkerProcess worker;

  @BeforeEach
  void workerWithThePlugin() throws IOException {
    Files.copy(ExampleJar.path(), plugins.resolve("sha256-kind.jar"));
    queue = TestBroker.uniqueQueue("it-example-client");
    worker =
        WorkerProcess.start(
            TestBroker.amqpUrl(), "--queue", queue, "--plugins", plugins.toString());
  }

  @AfterEach
  void cleanUp() {
    if (worker != null) {
      worker.close();
    }
    TestBroker.deleteTopology(queue);
  }

  static Path clientJar() {
    for (Path candidate :
        List.of(
            Path.of("../examples/sha256-client/target/sha256-client.jar"),
            Path.of("examples/sha256-client/target/sha256-client.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "examples/sha256-client/target/sha256-client.jar is missing: build it first with 'mvn -B"
            + " package' at the root");
  }

  /** Runs the program and returns its result lines. */
  private List<String> run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(WorkerProcess.javaBinary(), "-jar", clientJar().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(logs, "client-", ".out");
    Path err = Files.createTempFile(logs, "client-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("AMQP_URL", TestBroker.amqpUrl());
    builder.environment().put("TASKFLEET_QUEUE", queue);
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the program ends").isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  @Test
  void theClientProgramGetsTheSameValuesFromTheFleetAsFromItsOwnPool() throws Exception {
    List<String> fleet = run();
    List<String> local = run("--local");

    assertThat(fleet).hasSize(20).allMatch(line -> line.matches("\\d+ OK -?\\d+"));
    assertThat(fleet).isEqualTo(local);
    assertThat(fleet.get(0)).startsWith("0 OK ");
    assertThat(fleet.stream().map(line -> line.split(" ")[2]).distinct()).hasSize(20);
    assertThat(TestBroker.messageCount(queue)).as("task queue drained").isZero();
  }
}
