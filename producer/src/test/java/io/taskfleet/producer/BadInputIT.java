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
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input published on the task queue by a raw client: each message is dead-lettered once, with
 * the reason, a failed result goes back when its ids can be read, and the worker stays up and goes
 * on computing. A message that keeps killing its worker is dead-lettered by the quorum queue's
 * delivery limit.
 */
class BadInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "rbadinput";

  private String queue;
  private final List<WorkerProcess> workers = new ArrayList<>();
  private Connection connection;
  private Channel channel;
  private String replyQueue;

  @BeforeEach
  void setUp() throws IOException {
    queue = TestBroker.uniqueQueue("it-bad");
    connection = TestBroker.connect("it-bad-input");
    channel = connection.createChannel();
    replyQueue = channel.queueDeclare().getQueue();
  }

  @AfterEach
  void cleanUp() throws Exception {
    workers.forEach(WorkerProcess::close);
    connection.close();
    TestBroker.deleteTopology(queue);
  }

  @Test
  void badMessagesAreDeadLetteredOnceWithTheirReasonAndTheWorkerGoesOn() throws Exception {
    WorkerProcess worker =
        start("--queue", queue, "--max-iterations", "1000", "--max-body-bytes", "2048");
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("not-json", "this is not json {");
    bodies.put("not-a-task", "{\"hello\":\"world\"}");
    bodies.put("unknown-kind", task(1, "\"nope\"", 5, ""));
    bodies.put("negative-iterations", task(2, "\"cpu\"", -1, ""));
    bodies.put("too-many-iterations", task(3, "\"cpu\"", 5_000, ""));
    bodies.put("oversized", task(4, "\"cpu\"", 5, ",\"padding\":\"" + "x".repeat(4_000) + "\""));

    bodies.forEach(this::publish);

    await("all six dead-lettered")
        .atMost(Duration.ofSeconds(30))
        .until(() -> TestBroker.messageCount(queue + ".dead") == bodies.size());
    Map<String, String> reasons = new TreeMap<>();
    for (int i = 0; i < bodies.size(); i++) {
      GetResponse dead = channel.basicGet(queue + ".dead", true);
      reasons.put(
          dead.getProps().getCorrelationId(),
          String.valueOf(dead.getProps().getHeaders().get(Topology.REASON_HEADER)));
    }
    assertThat(reasons).containsOnlyKeys(bodies.keySet());
    assertThat(reasons.get("not-json")).isNotBlank();
    assertThat(reasons.get("not-a-task")).contains("not a valid task");
    assertThat(reasons.get("unknown-kind")).contains("nope");
    assertThat(reasons.get("negative-iterations")).contains("must be >= 0");
    assertThat(reasons.get("too-many-iterations")).contains("--max-iterations");
    assertThat(reasons.get("oversized")).containsIgnoringCase("bytes");

    Map<Long, JsonNode> failed = new TreeMap<>();
    await("failed results for the tasks whose ids are readable")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              drainReplies(failed);
              return failed.size() == 3;
            });
    assertThat(failed).containsOnlyKeys(1L, 2L, 3L);
    failed
        .values()
        .forEach(
            r -> {
              assertThat(r.get("status").asText()).isEqualToIgnoringCase("failed");
              assertThat(r.get("error").asText()).startsWith("rejected: ");
            });

    publish("good", task(9, "\"cpu\"", 10, ""));
    Map<Long, JsonNode> good = new TreeMap<>();
    await("a good task after all that")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              drainReplies(good);
              return good.containsKey(9L);
            });
    assertThat(good.get(9L).get("value").asLong()).isEqualTo(45);
    assertThat(worker.isAlive()).isTrue();
    assertThat(TestBroker.messageCount(queue)).as("nothing requeued").isZero();
    assertThat(TestBroker.messageCount(queue + ".dead")).as("each dead-lettered once").isZero();
    System.out.println(
        "FAULT-FIGURES bad-input: "
            + bodies.size()
            + " bad messages, one of each kind "
            + bodies.keySet()
            + ", dead-lettered once each, "
            + failed.size()
            + " failed results; reasons "
            + reasons);
  }

  @Test
  void aTaskThatKeepsKillingItsWorkerIsDeadLetteredAfterTheDeliveryLimit() throws Exception {
    String[] flags = {"--queue", queue, "--delivery-limit", "2"};
    start(flags).close();
    publish("poison", task(7, "\"cpu\"", 3_000_000_000L, ""));

    int kills = 0;
    while (TestBroker.messageCount(queue + ".dead") == 0 && kills < 6) {
      WorkerProcess victim = start(flags);
      await("the worker holds the task, or it is dead-lettered")
          .atMost(Duration.ofSeconds(20))
          .until(() -> TestBroker.messageCount(queue) == 0);
      victim.kill();
      kills++;
      await("the task is back in the queue or dead")
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> TestBroker.messageCount(queue) + TestBroker.messageCount(queue + ".dead") == 1);
    }

    assertThat(kills).as("delivery limit 2: the third return dead-letters it").isEqualTo(3);
    assertThat(TestBroker.messageCount(queue)).isZero();
    GetResponse dead = channel.basicGet(queue + ".dead", true);
    assertThat(dead.getProps().getCorrelationId()).isEqualTo("poison");
    assertThat(String.valueOf(dead.getProps().getHeaders().get("x-first-death-reason")))
        .isEqualTo("delivery_limit");

    WorkerProcess survivor = start(flags);
    publish("good", task(8, "\"cpu\"", 10, ""));
    Map<Long, JsonNode> good = new TreeMap<>();
    await("a fresh worker computes the next task")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              drainReplies(good);
              return good.containsKey(8L);
            });
    assertThat(survivor.isAlive()).isTrue();
    System.out.println(
        "FAULT-FIGURES poison-message: workersKilled="
            + kills
            + " dead-lettered after delivery limit 2 (x-first-death-reason=delivery_limit)");
  }

  private WorkerProcess start(String... flags) {
    WorkerProcess worker = WorkerProcess.start(TestBroker.amqpUrl(), flags);
    workers.add(worker);
    return worker;
  }

  private static String task(long id, String kind, long iterations, String extra) {
    return "{\"runId\":\""
        + RUN
        + "\",\"taskId\":"
        + id
        + ",\"kind\":"
        + kind
        + ",\"params\":{\"iterations\":"
        + iterations
        + "},\"createdAtEpochMs\":1"
        + extra
        + "}";
  }

  private void publish(String label, String body) {
    try {
      AMQP.BasicProperties props =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(2)
              .correlationId(label)
              .replyTo(replyQueue)
              .build();
      channel.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
