package io.taskfleet.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM started from the built jar as a separate OS process, as users start it, with its
 * output in a file. {@link #kill()} sends SIGKILL, {@link #terminate()} SIGTERM.
 */
public final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The worker jar built by the reactor, found from the module running the tests. */
  public static Path jar() {
    for (Path candidate :
        List.of(
            Path.of("../worker/target/worker.jar"),
            Path.of("worker/target/worker.jar"),
            Path.of("target/worker.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "worker/target/worker.jar is missing: build it first with 'mvn -B package' (or run 'mvn verify' from the root)");
  }

  /** Starts a worker on {@code amqpUrl}, with extra flags, and waits until it consumes. */
  public static WorkerProcess start(String amqpUrl, String... flags) {
    try {
      Path log = Files.createTempFile("worker-", ".log");
      List<String> command =
          new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar().toString()));
      command.add("--amqp-url");
      command.add(amqpUrl);
      command.addAll(List.of(flags));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      WorkerProcess worker = new WorkerProcess(builder.start(), log);
      worker.awaitLog("worker started", Duration.ofSeconds(60));
      return worker;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a worker process: " + e, e);
    }
  }

  /** How a worker that was expected to stop by itself ended. */
  public record Exited(int exitCode, String stdout, String stderr) {}

  /**
   * Runs a worker that is expected to stop by itself (a configuration error, say) and returns its
   * exit code with stdout and stderr kept apart; exit code -1 if it was still running at the
   * timeout (it is then killed).
   */
  public static Exited runToExit(String amqpUrl, Duration timeout, String... flags) {
    try {
      Path out = Files.createTempFile("worker-", ".out");
      Path err = Files.createTempFile("worker-", ".err");
      List<String> command =
          new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar().toString()));
      command.add("--amqp-url");
      command.add(amqpUrl);
      command.addAll(List.of(flags));
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      int code = -1;
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        code = process.exitValue();
      } else {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new Exited(code, Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run a worker process: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JVM that runs the tests, used for the processes under test too. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Waits for a line containing {@code text} in the worker's output. */
  public void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "worker exited with " + process.exitValue() + ":\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "worker did not log '" + text + "' within " + timeout + ":\n" + output());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** SIGKILL: no clean-up, no acks; what a crash or the OOM killer does. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  /**
   * SIGTERM: the graceful stop. Returns the exit code, or -1 if it did not exit in time. The worker
   * exits with 0 when it finished and acked every task in hand, 1 when its shutdown timeout cut the
   * drain short (143, the JVM's default after SIGTERM, would say neither).
   */
  public int terminate(Duration timeout) {
    process.destroy();
    return waitFor(timeout);
  }

  private int waitFor(Duration timeout) {
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
}
