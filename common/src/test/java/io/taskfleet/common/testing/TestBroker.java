package io.taskfleet.common.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.taskfleet.common.broker.BrokerUrl;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real RabbitMQ that integration tests run against: the one {@code AMQP_URL} names when it is
 * set; otherwise a Testcontainers broker when Docker is available; otherwise the test fails saying
 * how to provide one. Never a mock.
 */
public final class TestBroker {

  /** The official image, with the management plugin the tests use to inspect queues. */
  public static final String IMAGE = "rabbitmq:3-management";

  private static String rawUrl;
  private static BrokerUrl url;
  private static RabbitMQContainer container;

  private TestBroker() {}

  /** The broker's URL, starting a container on first use when needed. */
  public static synchronized BrokerUrl url() {
    if (url == null) {
      rawUrl = locate();
      url = BrokerUrl.parse(rawUrl);
    }
    return url;
  }

  /** The URL with its password, to hand to the programs under test. */
  public static synchronized String amqpUrl() {
    url();
    return rawUrl;
  }

  /** The container the tests started, or null when the broker came from {@code AMQP_URL}. */
  public static synchronized RabbitMQContainer container() {
    url();
    return container;
  }

  private static String locate() {
    String fromEnv = System.getenv("AMQP_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (!dockerAvailable()) {
      throw new IllegalStateException(
          "integration tests need a real RabbitMQ: set AMQP_URL (for example "
              + "AMQP_URL=amqp://guest:guest@localhost:5672/%2F with a local 'rabbitmq-server "
              + "-detached'), or make a Docker engine available for Testcontainers");
    }
    container =
        new RabbitMQContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("rabbitmq"));
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-broker-stop"));
    return container.getAmqpUrl();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A queue name no other test uses. */
  public static String uniqueQueue(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A plain connection for assertions (no recovery), named so it is easy to spot. */
  public static Connection connect(String name) {
    ConnectionFactory factory = url().toConnectionFactory();
    factory.setAutomaticRecoveryEnabled(false);
    try {
      return factory.newConnection(name);
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot connect to the test broker at " + url() + ": " + e, e);
    }
  }

  /** Whether a queue exists, asked without disturbing it. */
  public static boolean queueExists(String queue) {
    try (Connection c = connect("test-probe");
        Channel ch = c.createChannel()) {
      ch.queueDeclarePassive(queue);
      return true;
    } catch (IOException e) {
      return false;
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages ready in a queue. */
  public static long messageCount(String queue) {
    try (Connection c = connect("test-probe");
        Channel ch = c.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("cannot inspect queue " + queue + ": " + e, e);
    }
  }

  /** Deletes a task queue with its dead-letter queue and exchange; for test clean-up. */
  public static void deleteTopology(String taskQueue) {
    try (Connection c = connect("test-cleanup");
        Channel ch = c.createChannel()) {
      ch.queueDelete(taskQueue);
      ch.queueDelete(taskQueue + ".dead");
      ch.exchangeDelete(taskQueue + ".dlx");
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("cannot clean up " + taskQueue + ": " + e, e);
    }
  }
}
