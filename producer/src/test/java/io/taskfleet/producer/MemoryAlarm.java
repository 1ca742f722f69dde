package io.taskfleet.producer;

import io.taskfleet.common.testing.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * A real memory alarm on the test broker: {@link #raise()} sets the memory high watermark so low
 * that the broker blocks every publishing connection; {@link #close()} puts back exactly the value
 * read before (the broker may be shared, so the window is kept short and always closed, by a
 * shutdown hook too should the test JVM stop first).
 */
final class MemoryAlarm implements AutoCloseable {

  private final RabbitMQContainer container;
  private final String original;
  private final Thread restoreOnExit = new Thread(this::restore, "memory-alarm-restore");
  private boolean raised;

  private MemoryAlarm(RabbitMQContainer container, String original) {
    this.container = container;
    this.original = original;
  }

  /**
   * Reads the broker's current watermark; skips the test, saying why, when rabbitmqctl cannot reach
   * the test broker (a remote broker in AMQP_URL).
   */
  static MemoryAlarm onTestBroker() {
    RabbitMQContainer container = TestBroker.container();
    if (container == null) {
      String host = TestBroker.url().host();
      Assumptions.assumeTrue(
          host.equals("localhost") || host.equals("127.0.0.1"),
          "MemoryAlarm needs rabbitmqctl on the broker's machine; AMQP_URL names " + host);
      Assumptions.assumeTrue(
          Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl"))
              || Files.isExecutable(Path.of("/usr/bin/rabbitmqctl")),
          "MemoryAlarm needs rabbitmqctl, which is not installed here");
    }
    MemoryAlarm alarm = new MemoryAlarm(container, null);
    String value = alarm.rabbitmqctl("eval", "vm_memory_monitor:get_vm_memory_high_watermark().");
    return new MemoryAlarm(container, value.strip());
  }

  /** The watermark in force before the test, as an Erlang term: {@code 0.4}, {absolute,N}... */
  String original() {
    return original;
  }

  /** Sets the watermark so low that the memory alarm goes off at once. */
  synchronized void raise() {
    Runtime.getRuntime().addShutdownHook(restoreOnExit);
    raised = true;
    rabbitmqctl("set_vm_memory_high_watermark", "0.0000001");
  }

  /** Whether the broker lists a memory alarm right now. */
  boolean active() {
    return rabbitmqctl("eval", "rabbit_alarm:get_alarms().").contains("memory");
  }

  /** Puts the original watermark back; the alarm clears. */
  synchronized void restore() {
    if (!raised) {
      return;
    }
    rabbitmqctl("eval", "vm_memory_monitor:set_vm_memory_high_watermark(" + original + ").");
    raised = false;
  }

  /** The watermark in force now, as {@link #original()} reads it. */
  String current() {
    return rabbitmqctl("eval", "vm_memory_monitor:get_vm_memory_high_watermark().").strip();
  }

  @Override
  public void close() {
    restore();
    try {
      Runtime.getRuntime().removeShutdownHook(restoreOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Shutting down already, or never raised: nothing to unregister.
    }
  }

  private String rabbitmqctl(String... args) {
    try {
      if (container != null) {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        Container.ExecResult result = container.execInContainer(command);
        if (result.getExitCode() != 0) {
          throw new IllegalStateException("rabbitmqctl failed: " + result.getStderr());
        }
        return result.getStdout();
      }
      List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " timed out");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "rabbitmqctl " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run rabbitmqctl: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
