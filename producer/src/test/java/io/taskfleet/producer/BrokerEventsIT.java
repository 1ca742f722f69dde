package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.taskfleet.common.broker.QueueType;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.testing.BrokerControl;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's contract when the broker takes its consumer or its channel away, black-box: it
 * reports DOWN on {@code /health} with the reason, then either consumes again or exits non-zero so
 * that its supervisor restarts it; never an idle process that looks healthy.
 *
 * <p>The channel close is provoked by deleting the dead-letter exchange and publishing a bad
 * message: the worker's publish to the missing exchange makes the broker close its channel ({@code
 * NOT_FOUND}). A delivery outliving {@code consumer_timeout} would be the other classic cause, but
 * on RabbitMQ 3.10 that timeout is broker-wide configuration (per queue only from 3.12), and this
 * broker is shared with other engineers' tests, so it is not changed here.
 */
class BrokerEventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "rbrokerevents";
  private static final Duration RECOVERY = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String queue;
  private Topology topology;
  private WorkerProcess worker;
  private int metricsPort;
  private Connection connection;
  private Channel channel;
  private String replyQueue;
  private final List<String> healthSeen = new ArrayList<>();

  private record Health(int code, String body) {}

  @BeforeEach
  void setUp() throws IOException {
    queue = TestBroker.uniqueQueue("it-events");
    topology = new Topology(queue, QueueType.QUORUM, Topology.DEFAULT_DELIVERY_LIMIT);
    connection = TestBroker.connect("it-broker-events");
    channel = connection.createChannel();
    replyQueue = channel.queueDeclare().getQueue();
    try (ServerSocket socket = new ServerSocket(0)) {
      metricsPort = socket.getLocalPort();
    }
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(worker, connection);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void aTaskQueueDeletedAndDeclaredAgainIsReportedDownThenConsumedAgainOrTheWorkerExits()
      throws Exception {
    startWorkerAndComputeOneTask();

    assertThat(BrokerControl.forTestBroker().deleteQueue(queue)).isTrue();
    awaitExplained(
        "/health DOWN mentioning the cancel, or the worker gone with a non-zero code",
        () -> exitedNonZero() || isDown(Pattern.compile("(?i)cancel")));
    topology.declare(connection);

    expectConsumingAgainOrExitedNonZero(2);
    System.out.println(
        "FAULT-FIGURES queue-deleted-and-redeclared: 1 consumer cancel; worker "
            + (worker.isAlive() ? "consumed again" : "exited non-zero")
            + "; /health seen "
            + healthSeen);
  }

  @Test
  void aChannelClosedByTheBrokerIsReportedDownThenConsumedAgainOrTheWorkerExits() throws Exception {
    startWorkerAndComputeOneTask();

    channel.exchangeDelete(topology.deadLetterExchange());
    publish("not json {", "poison", replyQueue);
    awaitExplained(
        "/health DOWN saying the channel closed, or the worker gone with a non-zero code",
        () -> exitedNonZero() || isDown(Pattern.compile("(?i)clos|not_found|404")));
    topology.declare(connection);

    expectConsumingAgainOrExitedNonZero(2);
    if (worker.isAlive()) {
      await("the bad message dead-lettered once the exchange is back")
          .atMost(RECOVERY)
          .until(() -> TestBroker.messageCount(queue + ".dead") == 1);
      GetResponse dead = channel.basicGet(queue + ".dead", true);
      assertThat(dead.getProps().getCorrelationId()).isEqualTo("poison");
      assertThat(String.valueOf(dead.getProps().getHeaders().get(Topology.REASON_HEADER)))
          .isNotBlank()
          .hasSizeLessThanOrEqualTo(1_000);
    }
    System.out.println(
        "FAULT-FIGURES channel-closed-by-broker: 1 channel close (NOT_FOUND); worker "
            + (worker.isAlive() ? "consumed again" : "exited non-zero")
            + "; /health seen "
            + healthSeen);
  }

  private void startWorkerAndComputeOneTask() throws IOException {
    worker =
        WorkerProcess.start(
            TestBroker.amqpUrl(),
            "--queue",
            queue,
            "--metrics-port",
            Integer.toString(metricsPort));
    await("/health UP").atMost(RECOVERY).until(() -> health().code() == 200);
    publish(task(1), "task-1", replyQueue);
    Map<Long, JsonNode> results = new TreeMap<>();
    await("the first task's result")
        .atMost(RECOVERY)
        .until(
            () -> {
              drainReplies(results);
              return results.containsKey(1L);
            });
  }

  private void expectConsumingAgainOrExitedNonZero(long taskId) throws IOException {
    publish(task(taskId), "task-" + taskId, replyQueue);
    Map<Long, JsonNode> results = new TreeMap<>();
    awaitExplained(
        "a new task computed, or the worker gone with a non-zero code",
        () -> {
          drainReplies(results);
          return results.containsKey(taskId) || exitedNonZero();
        });
    if (worker.isAlive()) {
      assertThat(results.get(taskId).get("status").asText()).isEqualToIgnoringCase("ok");
      await("/health UP again").atMost(RECOVERY).until(() -> health().code() == 200);
    } else {
      assertThat(worker.terminate(Duration.ofSeconds(1))).as(worker.output()).isNotZero();
    }
  }

  /**
   * Awaits a condition; on timeout, fails with what {@code /health} said meanwhile and the end of
   * the worker's log, which is what whoever fixes the worker needs.
   */
  private void awaitExplained(String what, Callable<Boolean> condition) {
    try {
      await(what).atMost(RECOVERY).until(condition);
    } catch (ConditionTimeoutException e) {
      List<String> log = worker.output().lines().toList();
      throw new AssertionError(
          what
              + ": not within "
              + RECOVERY.toSeconds()
              + " s; /health said "
              + healthSeen
              + "; the worker's log ends:\n"
              + String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size())),
          e);
    }
  }

  /** Whether the worker has exited by itself, with a code that tells its supervisor to restart. */
  private boolean exitedNonZero() {
    if (worker.isAlive()) {
      return false;
    }
    int code = worker.terminate(Duration.ofSeconds(1));
    assertThat(code)
        .as("a worker that stops consuming must exit non-zero:\n%s", worker.output())
        .isNotZero();
    return true;
  }

  private boolean isDown(Pattern reason) {
    Health now = health();
    return now.code() == 503 && reason.matcher(now.body()).find();
  }

  private Health health() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Health now = new Health(response.statusCode(), response.body().strip());
      String seen = now.code() + " " + now.body();
      if (healthSeen.isEmpty() || !healthSeen.get(healthSeen.size() - 1).equals(seen)) {
        healthSeen.add(seen.length() > 200 ? seen.substring(0, 200) + "..." : seen);
      }
      return now;
    } catch (IOException e) {
      return new Health(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(-1, "interrupted");
    }
  }

  private void publish(String body, String label, String replyTo) throws IOException {
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .correlationId(label)
            .replyTo(replyTo)
            .build();
    channel.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String task(long id) {
    return String.format(
        Locale.ROOT,
        "{\"runId\":\"%s\",\"taskId\":%d,\"kind\":\"cpu\",\"params\":{\"iterations\":10},"
            + "\"createdAtEpochMs\":1}",
        RUN,
        id);
  }

  private void drainReplies(Map<Long, JsonNode> into) throws IOException {
    for (GetResponse r = channel.basicGet(replyQueue, true);
        r != null;
        r = channel.basicGet(replyQueue, true)) {
      JsonNode result = JSON.readTree(r.getBody());
      into.put(result.get("taskId").asLong(), result);
    }
  }
}
