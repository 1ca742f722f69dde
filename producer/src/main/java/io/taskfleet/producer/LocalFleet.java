package io.taskfleet.producer;

import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.broker.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker JVMs this producer starts on this machine ({@code --spawn-workers}) and stops again:
 * SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}. A shutdown hook stops them too, so Ctrl-C or a
 * failure leaves no worker behind. The broker URL goes to them in their environment, not on the
 * command line where {@code ps} would show the password.
 */
final class LocalFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalFleet.class);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final String STARTED = "worker started";

  /**
   * How to start the workers.
   *
   * @param workers how many JVMs
   * @param threads {@code --threads} of each
   * @param prefetch {@code --prefetch} of each; 0 for the worker's default
   * @param jar the worker jar
   * @param amqpUrl the broker URL, password included
   * @param topology the queue they consume from
   * @param plugins {@code --plugins} of each; null for none
   */
  record Spec(
      int workers,
      int threads,
      int prefetch,
      Path jar,
      String amqpUrl,
      Topology topology,
      Path plugins) {

    // A record prints every component: never the password.
    @Override
    public String toString() {
      return "Spec[workers=%d, threads=%d, prefetch=%d, jar=%s, amqpUrl=%s, topology=%s, plugins=%s]"
          .formatted(workers, threads, prefetch, jar, BrokerUrl.redact(amqpUrl), topology, plugins);
    }
  }

  private final Spec spec;
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "fleet-local-workers-stop");
  private boolean hooked;

  /** Set when a worker failed to start: its log is named in the error, so it is kept. */
  private volatile boolean keepLogs;

  LocalFleet(Spec spec) {
    this.spec = spec;
  }

  int size() {
    return spec.workers();
  }

  /** The PIDs of the workers started, for the report and for checking they are gone. */
  List<Long> pids() {
    return processes.stream().map(Process::pid).toList();
  }

  /** Starts the workers and waits until each says it consumes. */
  synchronized void start() {
    if (!processes.isEmpty()) {
      return;
    }
    Runtime.getRuntime().addShutdownHook(hook);
    hooked = true;
    for (int i = 0; i < spec.workers(); i++) {
      processes.add(launch(i));
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (int i = 0; i < processes.size(); i++) {
      awaitStarted(processes.get(i), logs.get(i), deadline);
    }
    log.info("started {} local worker(s): pids {}", processes.size(), pids());
  }

  private Process launch(int index) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", spec.jar().toString()));
    command.addAll(List.of("--queue", spec.topology().taskQueue()));
    command.addAll(List.of("--queue-type", spec.topology().queueType().name()));
    command.addAll(List.of("--delivery-limit", Integer.toString(spec.topology().deliveryLimit())));
    command.addAll(List.of("--threads", Integer.toString(spec.threads())));
    if (spec.prefetch() > 0) {
      command.addAll(List.of("--prefetch", Integer.toString(spec.prefetch())));
    }
    if (spec.plugins() != null) {
      command.addAll(List.of("--plugins", spec.plugins().toAbsolutePath().toString()));
    }
    try {
      Path logFile = Files.createTempFile("taskfleet-worker-" + index + "-", ".log");
      logs.add(logFile);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(logFile.toFile());
      builder.environment().put("AMQP_URL", spec.amqpUrl());
      return builder.start();
    } catch (IOException e) {
      stopAll();
      throw new FleetException(
          "cannot start a worker JVM (" + spec.jar() + "): " + e.getMessage(), e);
    }
  }

  private void awaitStarted(Process process, Path logFile, long deadline) {
    try {
      while (!Files.readString(logFile).contains(STARTED)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String why =
              process.isAlive()
                  ? "did not start within " + START_TIMEOUT.toSeconds() + " s"
                  : "exited with " + process.exitValue();
          keepLogs = true;
          stopAll();
          throw new FleetException("a local worker " + why + "; its output is in " + logFile);
        }
        Thread.sleep(50);
      }
    } catch (IOException e) {
      stopAll();
      throw new FleetException("cannot read the worker log " + logFile + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopAll();
      throw new FleetException("interrupted while starting the local workers", e);
    }
  }

  /**
   * SIGTERM to every worker, SIGKILL to those still alive after the timeout; waits for all. Not
   * synchronized: the shutdown hook must not wait for a start in progress.
   */
  void stopAll() {
    for (Process p : processes) {
      p.destroy();
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Process p : processes) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          log.warn("worker pid {} ignored SIGTERM for {}; killing it", p.pid(), STOP_TIMEOUT);
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized void close() {
    stopAll();
    processes.clear();
    for (Path logFile : keepLogs ? List.<Path>of() : logs) {
      try {
        Files.deleteIfExists(logFile);
      } catch (IOException e) {
        log.debug("cannot delete {}: {}", logFile, e.toString());
      }
    }
    logs.clear();
    if (hooked) {
      hooked = false;
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook is running or has run.
      }
    }
  }
}
