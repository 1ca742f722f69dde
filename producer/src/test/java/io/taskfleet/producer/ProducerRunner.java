package io.taskfleet.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.cli.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the producer command in this JVM, as {@code main} would, capturing what it prints. */
final class ProducerRunner {

  /** What one producer invocation did. */
  record Outcome(int exitCode, String out, String err, JsonNode json) {

    JsonNode run(int index) {
      return json.get("runs").get(index);
    }
  }

  private ProducerRunner() {}

  static Outcome run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      Path json = Files.createTempFile("report-", ".json");
      Files.delete(json);
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--json", json.toString(), "--progress", "lines"));
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
      int code =
          CommandRunner.run(
              new ProducerCommand(o, e), "PRODUCER", env, o, e, all.toArray(String[]::new));
      JsonNode report = Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : null;
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), report);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
