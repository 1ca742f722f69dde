package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.common.protocol.WorkerUsage.ThreadUsage;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Result messages carry the worker's usage so far in their headers, at most every 100 ms while it
 * is busy and whenever it is idle: the counters grow from one snapshot to the next, the compute
 * threads' time adds up to the tasks' own compute times, and each result says when its computation
 * started. A dead-lettered task carries none.
 */
class WorkerUsageIT {

  private static final String RUN = "rusage";
  private static final int CHUNK = 20;

  private final Codec json = Codecs.byName("json");
  private WorkerProcess worker;
  private String queue;
  private Connection connection;
  private Channel channel;
  private String replyQueue;

  /** A worker publishes a message with a snapshot at least this long after the last one. */
  private static final Duration USAGE_INTERVAL = Duration.ofMillis(100);

  /** One result message as it arrived, with its snapshot if it carried one. */
  private record Arrived(Optional<WorkerUsage> usage, List<TaskResult> results) {}

  @BeforeEach
  void setUp() throws Exception {
    queue = TestBroker.uniqueQueue("it-worker-usage");
    connection = TestBroker.connect("it-worker-usage");
    channel = connection.createChannel();
    replyQueue = channel.queueDeclare().getQueue();
    worker = WorkerProcess.start(TestBroker.amqpUrl(), "--queue", queue, "--threads", "1");
  }

  @AfterEach
  void cleanUp() throws Exception {
    CleanUp.closeAll(worker, connection);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void resultMessagesCarryAGrowingUsageSnapshotThatMatchesTheTasksComputeTime() throws Exception {
    long startedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    List<Arrived> arrived = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      publish(chunk(round * CHUNK), "chunk");
      int expected = (round + 1) * CHUNK;
      await("the results of chunk " + round)
          .atMost(Duration.ofSeconds(30))
          .until(() -> drain(arrived) >= expected);
    }
    // Past the interval, the next message carries a snapshot whatever the worker is doing.
    await().pollDelay(USAGE_INTERVAL.multipliedBy(2)).until(() -> true);
    publish(single(3 * CHUNK), null);
    await("the single task's result")
        .atMost(Duration.ofSeconds(30))
        .until(() -> drain(arrived) == 3 * CHUNK + 1);
    long endedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());

    List<WorkerUsage> snapshots = arrived.stream().flatMap(a -> a.usage().stream()).toList();
    assertThat(arrived.get(0).usage()).as("the first message's snapshot").isPresent();
    assertThat(arrived.get(arrived.size() - 1).usage())
        .as("the last message's snapshot")
        .isPresent();
    for (int i = 1; i < snapshots.size(); i++) {
      WorkerUsage before = snapshots.get(i - 1);
      WorkerUsage after = snapshots.get(i);
      assertThat(after.cpuNanos()).isGreaterThanOrEqualTo(before.cpuNanos());
      assertThat(after.uptimeNanos()).isGreaterThan(before.uptimeNanos());
      assertThat(computeNanos(after)).isGreaterThanOrEqualTo(computeNanos(before));
    }
    WorkerUsage first = snapshots.get(0);
    WorkerUsage last = snapshots.get(snapshots.size() - 1);
    assertThat(computeNanos(last)).isGreaterThan(computeNanos(first));
    assertThat(last.cpuNanos()).isGreaterThan(first.cpuNanos());

    List<TaskResult> results = arrived.stream().flatMap(a -> a.results().stream()).toList();
    long tasksCompute = results.stream().mapToLong(r -> r.timings().computeNanos()).sum();
    assertThat((double) computeNanos(last))
        .as("the compute threads' time against the sum of the tasks' compute times")
        .isCloseTo(tasksCompute, within(tasksCompute * 0.05));
    assertThat(last.cpuNanos()).isGreaterThan(tasksCompute);
    assertThat(last.threads())
        .filteredOn(t -> t.thread().endsWith("-loop"))
        .singleElement()
        .satisfies(
            loop -> {
              assertThat(loop.codecNanos()).isPositive();
              assertThat(loop.messagingNanos()).isPositive();
            });
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.timings().startedAtEpochMicros())
                    .isBetween(startedMicros - 1_000_000, endedMicros + 1_000_000));

    publishBad();
    await("the bad task is dead-lettered")
        .atMost(Duration.ofSeconds(30))
        .until(() -> TestBroker.messageCount(queue + ".dead") == 1);
    GetResponse dead = channel.basicGet(queue + ".dead", true);
    assertThat(dead.getProps().getHeaders())
        .doesNotContainKeys(WorkerUsage.CPU_HEADER, WorkerUsage.THREADS_HEADER);
  }

  @Test
  void theLastMessageOfABurstCarriesASnapshotSoARunsCostHasAnEnd() throws Exception {
    int chunks = 10;
    for (int c = 0; c < chunks; c++) {
      publish(chunk(c * CHUNK, 0), "chunk");
    }
    List<Arrived> arrived = new ArrayList<>();
    await("every result of the burst")
        .atMost(Duration.ofSeconds(30))
        .until(() -> drain(arrived) == chunks * CHUNK);

    assertThat(arrived.get(0).usage()).as("the first message's snapshot").isPresent();
    assertThat(arrived.get(arrived.size() - 1).usage())
        .as("the last message's snapshot, sent as the worker went idle")
        .isPresent();
  }

  private static long computeNanos(WorkerUsage usage) {
    return usage.threads().stream().mapToLong(ThreadUsage::computeNanos).sum();
  }

  private static String task(long id) {
    return task(id, 2_000_000);
  }

  private static String task(long id, long iterations) {
    return "{\"taskId\":"
        + id
        + ",\"kind\":\"cpu\",\"params\":{\"iterations\":"
        + iterations
        + "}}";
  }

  private static String chunk(long firstId) {
    return chunk(firstId, 2_000_000);
  }

  private static String chunk(long firstId, long iterations) {
    StringBuilder tasks = new StringBuilder();
    for (long id = firstId; id < firstId + CHUNK; id++) {
      tasks.append(id == firstId ? "" : ",").append(task(id, iterations));
    }
    return "{\"runId\":\"" + RUN + "\",\"createdAtEpochMs\":0,\"tasks\":[" + tasks + "]}";
  }

  private static String single(long id) {
    return "{\"runId\":\"" + RUN + "\",\"createdAtEpochMs\":0," + task(id).substring(1);
  }

  private void publish(String body, String type) throws Exception {
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .type(type)
            .correlationId("0")
            .replyTo(replyQueue)
            .build();
    channel.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
  }

  private void publishBad() throws Exception {
    AMQP.BasicProperties props =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .replyTo(replyQueue)
            .build();
    channel.basicPublish("", queue, props, "not a task".getBytes(StandardCharsets.UTF_8));
  }

  /** Takes the result messages waiting; returns how many results have arrived in all. */
  private int drain(List<Arrived> into) throws Exception {
    for (GetResponse r = channel.basicGet(replyQueue, true);
        r != null;
        r = channel.basicGet(replyQueue, true)) {
      into.add(
          new Arrived(
              WorkerUsage.fromHeaders(r.getProps().getHeaders()), json.decodeResults(r.getBody())));
    }
    return into.stream().mapToInt(a -> a.results().size()).sum();
  }
}
