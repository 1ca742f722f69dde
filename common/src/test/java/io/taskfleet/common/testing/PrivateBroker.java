package io.taskfleet.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ of this test's own, in a Docker container started with the {@code docker} command
 * ({@value TestBroker#IMAGE}), for faults that would disturb everyone on a shared broker, such as
 * stopping its app. Always a private container, even when {@code AMQP_URL} names a broker.
 *
 * <p>The plain {@code docker} command is used rather than Testcontainers so that no helper image
 * (Ryuk, alpine) is ever pulled: where no registry is reachable that would hang for minutes. The
 * container is removed by {@link #close()}.
 */
public final class PrivateBroker implements AutoCloseable {

  private final String name;
  private final int amqpPort;
  private final int httpPort;

  private PrivateBroker(String name, int amqpPort, int httpPort) {
    this.name = name;
    this.amqpPort = amqpPort;
    this.httpPort = httpPort;
  }

  /**
   * Why no private broker can be started here (no docker command, no engine, no image), or empty
   * when one can.
   */
  public static Optional<String> unavailableBecause() {
    Result info = docker(Duration.ofSeconds(20), "info", "--format", "{{.ServerVersion}}");
    if (info.code() != 0) {
      return Optional.of(
          "no Docker engine answers ('docker info' failed: " + info.output().strip() + ")");
    }
    Result image = docker(Duration.ofSeconds(20), "image", "inspect", TestBroker.IMAGE);
    if (image.code() != 0) {
      return Optional.of(
          "the image " + TestBroker.IMAGE + " is not present (docker pull it first)");
    }
    return Optional.empty();
  }

  /** Starts a container and waits until the broker accepts connections. */
  public static PrivateBroker start() {
    String name = "taskfleet-it-" + UUID.randomUUID().toString().substring(0, 8);
    Result run =
        docker(
            Duration.ofSeconds(60),
            "run",
            "-d",
            "--rm",
            "--name",
            name,
            "-p",
            "127.0.0.1::5672",
            "-p",
            "127.0.0.1::15672",
            TestBroker.IMAGE);
    if (run.code() != 0) {
      throw new IllegalStateException("docker run failed: " + run.output());
    }
    PrivateBroker broker = null;
    try {
      broker = new PrivateBroker(name, port(name, 5672), port(name, 15672));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      Result ready = docker(Duration.ofSeconds(60), "exec", name, "rabbitmqctl", "await_startup");
      // await_startup fails while the Erlang node itself is still booting: ask again.
      while (ready.code() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        ready = docker(Duration.ofSeconds(60), "exec", name, "rabbitmqctl", "await_startup");
      }
      if (ready.code() != 0) {
        throw new IllegalStateException("the private broker did not start: " + ready.output());
      }
      return broker;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      docker(Duration.ofSeconds(30), "rm", "-f", name);
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      docker(Duration.ofSeconds(30), "rm", "-f", name);
      throw e;
    }
  }

  private static int port(String name, int containerPort) {
    Result port = docker(Duration.ofSeconds(20), "port", name, containerPort + "/tcp");
    String first = port.output().strip().lines().findFirst().orElse("");
    if (port.code() != 0 || !first.contains(":")) {
      throw new IllegalStateException("no host port for " + containerPort + ": " + port.output());
    }
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  /** The image's default user; the broker is private, reachable on 127.0.0.1 only. */
  public String amqpUrl() {
    return "amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F";
  }

  public BrokerControl control() {
    return BrokerControl.of("http://127.0.0.1:" + httpPort, "guest", "guest", this::rabbitmqctl);
  }

  private void rabbitmqctl(String command) {
    Result result = docker(Duration.ofSeconds(120), "exec", name, "rabbitmqctl", command);
    if (result.code() != 0) {
      throw new IllegalStateException("rabbitmqctl " + command + " failed: " + result.output());
    }
  }

  @Override
  public void close() {
    docker(Duration.ofSeconds(60), "rm", "-f", name);
  }

  private record Result(int code, String output) {}

  private static Result docker(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "'docker " + String.join(" ", args) + "' timed out after " + timeout);
      }
      return new Result(
          process.exitValue(),
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "cannot run docker: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
