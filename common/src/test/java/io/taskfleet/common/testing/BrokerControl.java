package io.taskfleet.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.broker.BrokerUrl;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * Fault injection on a broker, aimed at one test's own clients: closes the connections whose
 * client-provided name matches, through the management HTTP API ({@code DELETE
 * /api/connections/{name}}), so other tests and colleagues on a shared broker are left alone.
 * Stopping and starting the broker's app disrupts everyone, so it is offered only on a private
 * container.
 */
public final class BrokerControl {

  /** The management plugin's port on a broker from {@code AMQP_URL}. */
  public static final int MANAGEMENT_PORT = 15672;

  private final String httpUrl;
  private final String authorization;
  private final Rabbitmqctl rabbitmqctl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** Runs one {@code rabbitmqctl} command on the broker's node. */
  @FunctionalInterface
  public interface Rabbitmqctl {
    void run(String command);
  }

  private BrokerControl(String httpUrl, String user, String password, Rabbitmqctl rabbitmqctl) {
    this.httpUrl = httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.rabbitmqctl = rabbitmqctl;
  }

  /** Controls the broker {@link TestBroker} uses: the one in {@code AMQP_URL}, or its container. */
  public static BrokerControl forTestBroker() {
    RabbitMQContainer container = TestBroker.container();
    if (container != null) {
      return of(container);
    }
    BrokerUrl url = TestBroker.url();
    return new BrokerControl(
        "http://" + url.host() + ":" + MANAGEMENT_PORT, url.username(), url.password(), null);
  }

  /** Controls a Testcontainers broker of this test run's own. */
  public static BrokerControl of(RabbitMQContainer container) {
    return new BrokerControl(
        container.getHttpUrl(),
        container.getAdminUsername(),
        container.getAdminPassword(),
        command -> exec(container, command));
  }

  /** Controls a private broker reached over HTTP, with {@code rabbitmqctl} run by the caller. */
  static BrokerControl of(String httpUrl, String user, String password, Rabbitmqctl rabbitmqctl) {
    return new BrokerControl(httpUrl, user, password, rabbitmqctl);
  }

  /** The names of the open connections whose client-provided name matches. */
  public List<String> connections(Predicate<String> clientName) {
    JsonNode all = get("/api/connections?columns=name,client_properties.connection_name");
    List<String> names = new ArrayList<>();
    for (JsonNode connection : all) {
      JsonNode given = connection.path("client_properties").path("connection_name");
      if (!given.isMissingNode() && clientName.test(given.asText())) {
        names.add(connection.get("name").asText());
      }
    }
    return names;
  }

  /** Closes the matching connections, as a network failure would; returns how many. */
  public int closeConnections(Predicate<String> clientName) {
    List<String> names = connections(clientName);
    for (String name : names) {
      HttpResponse<String> response =
          sendForResponse(
              HttpRequest.newBuilder(uri("/api/connections/" + encode(name)))
                  .header("X-Reason", "taskfleet fault-injection test")
                  .DELETE());
      // A client may close its other connections itself once one is closed (the worker drops
      // its whole session): the broker then answers 404 or 500 for one already gone.
      if (response.statusCode() >= 300 && connections(clientName).contains(name)) {
        throw new IllegalStateException(
            "management API answered " + response.statusCode() + ": " + response.body());
      }
    }
    return names.size();
  }

  /** Deletes a queue this test created (default virtual host); false when it did not exist. */
  public boolean deleteQueue(String queue) {
    HttpResponse<String> response =
        sendForResponse(HttpRequest.newBuilder(uri("/api/queues/%2F/" + encode(queue))).DELETE());
    return response.statusCode() / 100 == 2;
  }

  /**
   * A queue as the management API sees it (default virtual host): {@code messages_ready}, {@code
   * messages_unacknowledged}, {@code consumers}, ...; a missing node when the queue does not exist.
   * The figures lag the broker by its statistics interval (5 s by default): poll them.
   */
  public JsonNode queue(String queue) {
    HttpResponse<String> response =
        sendForResponse(HttpRequest.newBuilder(uri("/api/queues/%2F/" + encode(queue))).GET());
    if (response.statusCode() == 404) {
      return json.missingNode();
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer about queue " + queue + ": " + e, e);
    }
  }

  /** {@code rabbitmqctl stop_app}: the broker stops, its node stays up. Private container only. */
  public void stopApp() {
    rabbitmqctl("stop_app");
  }

  /** {@code rabbitmqctl start_app}, then waits until the broker answers again. */
  public void startApp() {
    rabbitmqctl("start_app");
    rabbitmqctl("await_startup");
  }

  private void rabbitmqctl(String command) {
    if (rabbitmqctl == null) {
      throw new IllegalStateException(
          "refusing to run 'rabbitmqctl "
              + command
              + "' on a shared broker: use a private container");
    }
    rabbitmqctl.run(command);
  }

  private static void exec(RabbitMQContainer container, String command) {
    try {
      ExecResult result = container.execInContainer("rabbitmqctl", command);
      if (result.getExitCode() != 0) {
        throw new IllegalStateException(
            "rabbitmqctl " + command + " failed: " + result.getStdout() + result.getStderr());
      }
    } catch (IOException e) {
      throw new IllegalStateException("rabbitmqctl " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(String path) {
    String body = send(HttpRequest.newBuilder(uri(path)).GET());
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from " + path + ": " + e, e);
    }
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<String> response = sendForResponse(request);
    if (response.statusCode() >= 300 && response.statusCode() != 404) {
      throw new IllegalStateException(
          "management API answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private HttpResponse<String> sendForResponse(HttpRequest.Builder request) {
    try {
      return http.send(
          request.header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach the management API at "
              + httpUrl
              + " (is rabbitmq_management enabled?): "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(httpUrl + path);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
