package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.common.kinds.CpuKind;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.kinds.HttpKind;
import io.taskfleet.common.kinds.HttpParams;
import io.taskfleet.common.kinds.SleepKind;
import io.taskfleet.common.kinds.SleepParams;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real broker and a real worker process started from its jar. */
class FleetClientIT {

  private static final CpuKind CPU = new CpuKind();

  private String queue;
  private String idleQueue;
  private WorkerProcess worker;

  @BeforeEach
  void startAWorker() {
    queue = TestBroker.uniqueQueue("it-client");
    idleQueue = TestBroker.uniqueQueue("it-client-idle");
    worker = WorkerProcess.start(TestBroker.amqpUrl(), "--queue", queue, "--threads", "2");
  }

  @AfterEach
  void cleanUp() {
    worker.close();
    TestBroker.deleteTopology(queue);
    TestBroker.deleteTopology(idleQueue);
  }

  private FleetClientOptions options(String taskQueue) {
    return FleetClientOptions.of(TestBroker.amqpUrl())
        .withQueue(taskQueue)
        .withTimeout(Duration.ofSeconds(60));
  }

  private static List<CpuParams> sizes(int count) {
    return IntStream.range(0, count).mapToObj(i -> new CpuParams(10_000 + i)).toList();
  }

  private static long sum(long n) {
    return n * (n - 1) / 2;
  }

  /** The code a user writes, whichever client it is given. */
  private static List<Long> values(TaskClient client, List<CpuParams> params) {
    return client.map(CPU, params).inOrder().map(TaskResult::value).toList();
  }

  @Test
  void mapInOrderOnTheFleetGivesTheSameValuesAsInProcess() {
    List<CpuParams> params = sizes(300);

    List<Long> fleet;
    try (TaskClient client = FleetClient.connect(options(queue))) {
      fleet = values(client, params);
    }
    List<Long> local;
    try (TaskClient client = LocalTaskClient.threads(2)) {
      local = values(client, params);
    }

    assertThat(fleet).hasSize(300).isEqualTo(local);
    assertThat(fleet.get(299)).isEqualTo(sum(10_299));
  }

  @Test
  void mapAsCompletedGivesEveryResultOnceInChunksOfTheChosenSize() throws InterruptedException {
    try (FleetClient client =
        FleetClient.connect(options(queue).withChunk(new ChunkSize.Fixed(7)))) {
      Batch batch = client.map(CPU, sizes(100));

      List<TaskResult> results = batch.asCompleted().toList();

      assertThat(results).extracting(TaskResult::taskId).doesNotHaveDuplicates().hasSize(100);
      assertThat(results)
          .allSatisfy(r -> assertThat(r.value()).isEqualTo(sum(10_000 + r.taskId())));
      assertThat(batch.await(Duration.ofSeconds(5))).isTrue();
      assertThat(batch.snapshot().wrongValues()).isZero();
      assertThat(batch.transport().messages()).isEqualTo(15);
    }
  }

  @Test
  void submitCompletesEachFutureWithItsTasksResult() throws Exception {
    try (TaskClient client = FleetClient.connect(options(queue))) {
      List<CompletableFuture<TaskResult>> futures =
          IntStream.range(0, 20)
              .mapToObj(i -> client.submit(CPU, new CpuParams(1_000 + i)))
              .toList();

      for (int i = 0; i < 20; i++) {
        TaskResult result = futures.get(i).get(60, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(TaskStatus.OK);
        assertThat(result.value()).isEqualTo(sum(1_000 + i));
      }
    }
  }

  @Test
  void aTaskThatFailsOnTheWorkerIsAFailedResultNotAnException() throws Exception {
    try (TaskClient client = FleetClient.connect(options(queue))) {
      TaskResult result =
          client
              .submit(new HttpKind(), new HttpParams("http://127.0.0.1:1/nothing-listens"))
              .get(60, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(result.error()).isNotBlank();
    }
  }

  @Test
  void aResultQueueDeletedMidBatchIsDeclaredAgainAndItsTasksRunAgain() throws Exception {
    try (FleetClient client =
            FleetClient.connect(options(queue).withChunk(new ChunkSize.Fixed(1)));
        Connection operator = TestBroker.connect("it-client-operator");
        Channel channel = operator.createChannel()) {
      Batch batch = client.map(new SleepKind(), Collections.nCopies(300, new SleepParams(50)));
      org.awaitility.Awaitility.await().until(() -> batch.received() >= 30);

      channel.queueDelete(client.resultQueue());

      assertThat(batch.await(Duration.ofSeconds(60))).as("every result, after all").isTrue();
      assertThat(batch.snapshot().completed()).isEqualTo(300);
      assertThat(batch.transport().republished()).isPositive();
    }
  }

  @Test
  void aTaskTheBrokerReturnsFailsWithTheReason() throws Exception {
    try (FleetClient client = FleetClient.connect(options(idleQueue));
        Connection operator = TestBroker.connect("it-client-operator");
        Channel channel = operator.createChannel()) {
      channel.queueDelete(idleQueue);

      CompletableFuture<TaskResult> future = client.submit(CPU, new CpuParams(1));

      assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TaskReturnedException.class)
          .hasMessageContaining("returned");
    }
  }

  @Test
  void aTaskWithoutWorkerFailsAtTheTimeout() {
    try (TaskClient client =
        FleetClient.connect(options(idleQueue).withTimeout(Duration.ofSeconds(1)))) {
      CompletableFuture<TaskResult> future = client.submit(CPU, new CpuParams(1));

      assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TaskClientException.class)
          .hasMessageContaining("timed out");
    }
  }

  @Test
  void closingFailsWhatIsPendingAndDeletesTheResultQueue() {
    FleetClient client = FleetClient.connect(options(idleQueue));
    CompletableFuture<TaskResult> future = client.submit(CPU, new CpuParams(1));
    Batch batch = client.map(CPU, sizes(3));
    String resultQueue = client.resultQueue();
    assertThat(TestBroker.queueExists(resultQueue)).isTrue();

    client.close();

    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TaskClientException.class);
    assertThat(batch.failure()).isPresent();
    assertThat(TestBroker.queueExists(resultQueue)).isFalse();
  }
}
