package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.taskfleet.common.broker.Topology;
import io.taskfleet.common.testing.BrokerControl;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's contract against hostile messages, black-box: one real worker process with its
 * default limits, messages published by a raw client. Whatever a message holds, the worker settles
 * it (a result, or the dead-letter queue with a bounded reason, or an ack when the reply queue is
 * gone) and keeps consuming; nothing in its log is unbounded.
 */
class HostileMessagesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "rhostile";
  private static final int MAX_REASON_CHARS = 1_000;
  private static final int MAX_LOG_LINE_CHARS = 2_000;

  private String queue;
  private WorkerProcess worker;
  private Connection connection;
  private Channel channel;
  private String replyQueue;

  /** Messages expected in the dead-letter queue, by correlation id. */
  private final Set<String> expectDead = new TreeSet<>();

  /** Task ids whose result must come back, with the label they were published under. */
  private final Map<Long, String> expectResult = new TreeMap<>();

  @BeforeEach
  void setUp() throws IOException {
    queue = TestBroker.uniqueQueue("it-hostile");
    connection = TestBroker.connect("it-hostile-messages");
    channel = connection.createChannel();
    replyQueue = channel.queueDeclare().getQueue();
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(worker, connection);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void everyHostileMessageIsSettledAndTheWorkerKeepsConsuming() throws Exception {
    worker = WorkerProcess.start(TestBroker.amqpUrl(), "--queue", queue);
    Random random = new Random(8L);

    byte[] noise = new byte[2 * 1024 * 1024];
    random.nextBytes(noise);
    dead("random-2mb", "application/json", noise, Map.of());
    dead(
        "nested-100k",
        "application/json",
        utf8("[".repeat(100_000) + "]".repeat(100_000)),
        Map.of());
    dead("kind-1mb", "application/json", utf8(task(1, "k".repeat(1_000_000))), Map.of());
    dead("text-plain", "text/plain", utf8(task(2, "cpu")), Map.of());
    dead(
        "not-json-header-100kb",
        "application/json",
        utf8("not json {"),
        Map.of("x-big", "h".repeat(100 * 1024)));
    Map<String, Object> many = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      many.put("h" + i, i);
    }
    result("headers-10k", 10, "application/json", many);
    result("header-100kb", 11, "application/json", Map.of("x-big", "v".repeat(100 * 1024)));
    result("charset-param", 12, "application/json; charset=utf-8", Map.of());
    result("upper-case", 13, "APPLICATION/JSON", Map.of());
    result("no-content-type", 14, null, Map.of());
    String nobody = "it-hostile-nobody-" + UUID.randomUUID();
    publish("reply-to-missing", "application/json", utf8(task(15, "cpu")), Map.of(), nobody);
    result("last-good", 99, "application/json", Map.of());

    Map<Long, JsonNode> results = new TreeMap<>();
    await("the last good task's result: the worker still consumes")
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              drainReplies(results);
              return results.containsKey(99L) || !worker.isAlive();
            });
    assertThat(worker.isAlive()).as(worker.output()).isTrue();
    await("a result for every valid task " + expectResult)
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              drainReplies(results);
              return results.keySet().containsAll(expectResult.keySet());
            });
    for (long id : expectResult.keySet()) {
      assertThat(results.get(id).get("status").asText())
          .as(expectResult.get(id))
          .isEqualToIgnoringCase("ok");
      assertThat(results.get(id).get("value").asLong()).isEqualTo(45);
    }

    await("every bad message in " + queue + ".dead")
        .atMost(Duration.ofSeconds(30))
        .until(() -> TestBroker.messageCount(queue + ".dead") >= expectDead.size());
    Map<String, String> reasons = new TreeMap<>();
    for (GetResponse dead = channel.basicGet(queue + ".dead", true);
        dead != null;
        dead = channel.basicGet(queue + ".dead", true)) {
      Object reason =
          dead.getProps().getHeaders() == null
              ? null
              : dead.getProps().getHeaders().get(Topology.REASON_HEADER);
      reasons.put(dead.getProps().getCorrelationId(), reason == null ? null : reason.toString());
    }
    assertThat(reasons.keySet()).as("dead-lettered, each once").isEqualTo(expectDead);
    assertThat(reasons)
        .allSatisfy(
            (label, reason) ->
                assertThat(reason)
                    .as("reason of %s", label)
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(MAX_REASON_CHARS));

    BrokerControl broker = BrokerControl.forTestBroker();
    await("the task queue empty, nothing unacked (management figures lag)")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode q = broker.queue(queue);
              return q.path("messages_ready").asLong(-1) == 0
                  && q.path("messages_unacknowledged").asLong(-1) == 0;
            });
    assertThat(worker.isAlive()).isTrue();
    assertThat(worker.output().lines().filter(line -> line.length() > MAX_LOG_LINE_CHARS))
        .as("log lines over %d characters", MAX_LOG_LINE_CHARS)
        .isEmpty();
    System.out.println(
        "FAULT-FIGURES hostile-messages: "
            + expectDead.size()
            + " dead-lettered "
            + expectDead
            + ", "
            + expectResult.size()
            + " computed "
            + expectResult.values()
            + ", 1 with its reply queue gone; longest reason "
            + reasons.values().stream().mapToInt(String::length).max().orElse(0)
            + " chars");
  }

  private void dead(String label, String contentType, byte[] body, Map<String, Object> headers) {
    expectDead.add(label);
    publish(label, contentType, body, headers, replyQueue);
  }

  private void result(String label, long id, String contentType, Map<String, Object> headers) {
    expectResult.put(id, label);
    publish(label, contentType, utf8(task(id, "cpu")), headers, replyQueue);
  }

  private void publish(
      String label, String contentType, byte[] body, Map<String, Object> headers, String replyTo) {
    try {
      AMQP.BasicProperties props =
          new AMQP.BasicProperties.Builder()
              .contentType(contentType)
              .deliveryMode(2)
              .correlationId(label)
              .replyTo(replyTo)
              .headers(headers.isEmpty() ? null : new LinkedHashMap<>(headers))
              .build();
      channel.basicPublish("", queue, props, body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot publish " + label + ": " + e, e);
    }
  }

  private static String task(long id, String kind) {
    return "{\"runId\":\""
        + RUN
        + "\",\"taskId\":"
        + id
        + ",\"kind\":\""
        + kind
        + "\",\"params\":{\"iterations\":10},\"createdAtEpochMs\":1}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
