package io.taskfleet.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The producer started from the built jar as a separate OS process, as users start it, with stdout,
 * stderr and the JSON report in files; the counterpart of {@link WorkerProcess}. It can be sent
 * SIGINT (Ctrl-C) and SIGTERM.
 */
final class ProducerProcess implements AutoCloseable {

  private final Process process;
  private final Path out;
  private final Path err;
  private final Path json;

  private ProducerProcess(Process process, Path out, Path err, Path json) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.json = json;
  }

  static Path jar() {
    for (Path candidate :
        List.of(Path.of("target/producer.jar"), Path.of("producer/target/producer.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "producer/target/producer.jar is missing: build it first with 'mvn -B package'");
  }

  /** Starts a producer on {@code amqpUrl} with extra flags, progress as lines on stderr. */
  static ProducerProcess start(String amqpUrl, String... flags) {
    try {
      Path out = Files.createTempFile("producer-", ".out");
      Path err = Files.createTempFile("producer-", ".err");
      Path json = Files.createTempFile("producer-", ".json");
      Files.delete(json);
      List<String> command = new ArrayList<>(resetSigint());
      command.addAll(
          List.of(
              WorkerProcess.javaBinary(),
              "-Xmx256m",
              "-jar",
              jar().toString(),
              "--amqp-url",
              amqpUrl,
              "--json",
              json.toString(),
              "--progress",
              "lines"));
      command.addAll(List.of(flags));
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      return new ProducerProcess(process, out, err, json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a producer process: " + e, e);
    }
  }

  /**
   * A process started in the background (mvn run by a script with {@code &}, some CI runners)
   * inherits SIGINT ignored, and the JVM then leaves it ignored, so Ctrl-C could not be tested.
   * perl restores the default disposition and execs the producer (same pid).
   */
  private static List<String> resetSigint() {
    Path perl = Path.of("/usr/bin/perl");
    return Files.isExecutable(perl)
        ? List.of(perl.toString(), "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", "--")
        : List.of();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stdout() {
    return read(out);
  }

  String stderr() {
    return read(err);
  }

  /** The whole JSON report, or null when none was written. */
  JsonNode report() {
    try {
      return Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : null;
    } catch (IOException e) {
      throw new IllegalStateException("unreadable report " + json + ": " + e, e);
    }
  }

  /** The JSON report's only run, or null when none was written. */
  JsonNode run() {
    try {
      return Files.exists(json)
          ? new ObjectMapper().readTree(json.toFile()).get("runs").get(0)
          : null;
    } catch (IOException e) {
      throw new IllegalStateException("unreadable report " + json + ": " + e, e);
    }
  }

  /**
   * Waits for {@code text} on stderr (progress lines, logs), failing if the producer exits first.
   */
  void awaitStderr(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stderr().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "producer exited with " + process.exitValue() + " before '" + text + "':\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "producer did not print '" + text + "' within " + timeout + ":\n" + stderr());
      }
      sleep(50);
    }
  }

  /** Sends a signal by name (INT, TERM) with {@code kill}, as a terminal or a supervisor would. */
  void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the exit and returns its code, or -1 if still running at the timeout. */
  int waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
