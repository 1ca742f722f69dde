package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One task of a chunk kills every worker that runs it (here: it hangs on a server the test holds,
 * and the test SIGKILLs the worker then). The chunk comes back redelivered and is split in halves,
 * again and again, until the poison task alone reaches the dead-letter queue through the quorum
 * queue's delivery limit, while every innocent task of the chunk completes.
 */
class PoisonChunkIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "rpoison";
  private static final int CHUNK = 8;
  private static final long POISON = 5;

  private final GatedHttpServer server = new GatedHttpServer();
  private final List<WorkerProcess> workers = new ArrayList<>();
  private String queue;
  private Connection connection;
  private Channel channel;
  private String replyQueue;

  @BeforeEach
  void setUp() throws Exception {
    queue = TestBroker.uniqueQueue("it-poison-chunk");
    connection = TestBroker.connect("it-poison-chunk");
    channel = connection.createChannel();
    replyQueue = channel.queueDeclare().getQueue();
    server.closeAt(0);
  }

  @AfterEach
  void cleanUp() throws Exception {
    workers.forEach(WorkerProcess::close);
    CleanUp.closeAll(server, connection);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void aTaskThatKillsItsWorkerIsNarrowedDownAndTheRestOfItsChunkCompletes() throws Exception {
    String[] flags = {"--queue", queue, "--delivery-limit", "2"};
    start(flags).close();
    publishChunk();

    int kills = 0;
    while (TestBroker.messageCount(queue + ".dead") == 0 && kills < 20) {
      WorkerProcess victim = start(flags);
      int before = server.arrived();
      await("the worker runs the poison task, or it is dead-lettered")
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.arrived() > before || TestBroker.messageCount(queue + ".dead") > 0);
      victim.kill();
      if (server.arrived() > before) {
        kills++;
      }
    }

    Map<Long, JsonNode> results = new TreeMap<>();
    await("every innocent task of the chunk has its result")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              drainResults(results);
              return results.keySet().stream().filter(id -> id != POISON).count() == CHUNK - 1;
            });
    for (Map.Entry<Long, JsonNode> r : results.entrySet()) {
      if (r.getKey() != POISON) {
        assertThat(r.getValue().get("status").asText()).as("task " + r.getKey()).isEqualTo("ok");
      }
    }
    assertThat(results).doesNotContainKey(POISON);
    assertThat(TestBroker.messageCount(queue + ".dead")).isEqualTo(1);
    GetResponse dead = channel.basicGet(queue + ".dead", true);
    assertThat(String.valueOf(dead.getProps().getHeaders().get("x-first-death-reason")))
        .isEqualTo("delivery_limit");
    JsonNode deadTasks = JSON.readTree(dead.getBody()).get("tasks");
    assertThat(deadTasks).as("a chunk of the poison task alone").hasSize(1);
    assertThat(deadTasks.get(0).get("taskId").asLong()).isEqualTo(POISON);
    // 8 -> 4 -> 2 -> 1 takes three kills; then the delivery limit of 2 three more.
    assertThat(kills).isGreaterThanOrEqualTo(6);
    System.out.println(
        "FAULT-FIGURES poison-in-chunk: chunk="
            + CHUNK
            + " workersKilled="
            + kills
            + " innocentCompleted="
            + (CHUNK - 1)
            + " poisonDeadLettered=1");
  }

  private void publishChunk() throws Exception {
    StringBuilder tasks = new StringBuilder();
    for (long id = 0; id < CHUNK; id++) {
      tasks.append(id == 0 ? "" : ",");
      if (id == POISON) {
        tasks.append(
            "{\"taskId\":"
                + id
                + ",\"kind\":\"http\",\"params\":{\"url\":\""
                + server.url()
                + "\"}}");
      } else {
        tasks.append("{\"taskId\":" + id + ",\"kind\":\"cpu\",\"params\":{\"iterations\":1000}}");
      }
    }
    String body = "{\"runId\":\"" + RUN + "\",\"createdAtEpochMs\":0,\"tasks\":[" + tasks + "]}";
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .type("chunk")
            .correlationId("0")
            .replyTo(replyQueue)
            .build();
    channel.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads single results and {@code results} batches alike. */
  private void drainResults(Map<Long, JsonNode> into) throws Exception {
    for (GetResponse r = channel.basicGet(replyQueue, true);
        r != null;
        r = channel.basicGet(replyQueue, true)) {
      JsonNode message = JSON.readTree(r.getBody());
      JsonNode batch = message.get("results");
      for (JsonNode result : batch == null ? List.of(message) : batch) {
        into.putIfAbsent(result.get("taskId").asLong(), result);
      }
    }
  }

  private WorkerProcess start(String... flags) {
    WorkerProcess worker = WorkerProcess.start(TestBroker.amqpUrl(), flags);
    workers.add(worker);
    return worker;
  }
}
