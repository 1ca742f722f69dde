package io.taskfleet.producer.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker Compose command line, whichever this machine has: the {@code docker compose} plugin
 * (v2) or the standalone {@code docker-compose}. Runs one project, with output kept in a file.
 */
final class ComposeCli {

  /** What one command did. */
  record Result(int exitCode, String output) {}

  private final List<String> command;
  private final Path directory;
  private final String project;
  private final Map<String, String> env;

  private ComposeCli(
      List<String> command, Path directory, String project, Map<String, String> env) {
    this.command = command;
    this.directory = directory;
    this.project = project;
    this.env = env;
  }

  /**
   * Why container tests cannot run here, or empty when they can: a reachable engine and a compose
   * CLI are both needed.
   */
  static Optional<String> unavailableReason() {
    if (run(List.of("docker", "info"), Duration.ofSeconds(20)).exitCode() != 0) {
      return Optional.of(
          "no Docker engine answers 'docker info' (start one, or use .ci/containers)");
    }
    if (detect().isEmpty()) {
      return Optional.of("neither 'docker compose' nor 'docker-compose' works on this machine");
    }
    return Optional.empty();
  }

  static ComposeCli forProject(Path directory, String project, Map<String, String> env) {
    List<String> cli =
        detect().orElseThrow(() -> new IllegalStateException("no compose command line"));
    return new ComposeCli(cli, directory, project, env);
  }

  private static Optional<List<String>> detect() {
    for (List<String> candidate :
        List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      List<String> version = new ArrayList<>(candidate);
      version.add("version");
      if (run(version, Duration.ofSeconds(20)).exitCode() == 0) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code compose -p PROJECT ARGS...} in the project directory. */
  Result run(Duration timeout, String... args) {
    List<String> full = new ArrayList<>(command);
    full.add("-p");
    full.add(project);
    full.addAll(List.of(args));
    return run(full, directory, env, timeout);
  }

  /** Runs {@code docker ARGS...}, e.g. {@code docker wait ID}. */
  static Result docker(Duration timeout, String... args) {
    List<String> full = new ArrayList<>();
    full.add("docker");
    full.addAll(List.of(args));
    return run(full, timeout);
  }

  private static Result run(List<String> command, Duration timeout) {
    return run(command, Path.of(""), Map.of(), timeout);
  }

  private static Result run(
      List<String> command, Path directory, Map<String, String> env, Duration timeout) {
    Path log = null;
    try {
      log = Files.createTempFile("compose-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toAbsolutePath().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        return new Result(-1, Files.readString(log) + "\n(timed out after " + timeout + ")");
      }
      return new Result(process.exitValue(), Files.readString(log));
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted running " + command);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException e) {
          // A temp file left behind is harmless.
        }
      }
    }
  }
}
