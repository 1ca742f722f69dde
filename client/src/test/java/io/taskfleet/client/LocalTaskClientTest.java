package io.taskfleet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.kinds.CpuKind;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalTaskClientTest {

  private static final CpuKind CPU = new CpuKind();

  private static long sum(long n) {
    return n * (n - 1) / 2;
  }

  private static List<CpuParams> sizes(int count) {
    return IntStream.range(0, count).mapToObj(i -> new CpuParams(1_000 + i)).toList();
  }

  @Test
  void submitCompletesWithTheKindsValue() throws Exception {
    try (TaskClient client = LocalTaskClient.sameThread()) {
      TaskResult result = client.submit(CPU, new CpuParams(1_000)).get(10, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(TaskStatus.OK);
      assertThat(result.value()).isEqualTo(sum(1_000));
    }
  }

  @Test
  void mapInOrderGivesEachTasksResultByTaskId() {
    try (TaskClient client = LocalTaskClient.threads(3)) {
      List<TaskResult> results = client.map(CPU, sizes(50)).inOrder().toList();

      assertThat(results).hasSize(50);
      for (int i = 0; i < 50; i++) {
        assertThat(results.get(i).taskId()).isEqualTo(i);
        assertThat(results.get(i).value()).isEqualTo(sum(1_000 + i));
      }
    }
  }

  @Test
  void mapAsCompletedGivesEveryResultOnce() throws InterruptedException {
    try (TaskClient client = LocalTaskClient.threads(2)) {
      Batch batch = client.map(CPU, sizes(40));

      List<TaskResult> results = batch.asCompleted().toList();

      assertThat(results).extracting(TaskResult::taskId).doesNotHaveDuplicates().hasSize(40);
      assertThat(batch.await(Duration.ofSeconds(10))).isTrue();
      assertThat(batch.snapshot().completed()).isEqualTo(40);
      assertThat(batch.snapshot().wrongValues()).isZero();
    }
  }

  @Test
  void theListenerHearsOfEveryResult() {
    AtomicInteger heard = new AtomicInteger();
    try (TaskClient client = LocalTaskClient.sameThread()) {
      Batch batch =
          client.map(
              Job.each(CPU, sizes(10)),
              MapOptions.defaults()
                  .withListener((result, arrival) -> heard.incrementAndGet())
                  .discardingResults());

      assertThat(batch.isComplete()).isTrue();
      assertThat(heard).hasValue(10);
      assertThatThrownBy(batch::inOrder).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aKindThatThrowsGivesAFailedResultWithTheReason() throws Exception {
    try (TaskClient client = LocalTaskClient.threads(1)) {
      TaskResult result =
          client
              .submit(new TestKinds.Throwing(), new TestKinds.Nothing(7))
              .get(10, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(result.error()).contains("no luck with 7");
    }
  }

  @Test
  void closingFailsThePendingFuturesAndBatches() {
    TestKinds.Blocking blocking = new TestKinds.Blocking();
    LocalTaskClient client = LocalTaskClient.threads(1);
    CompletableFuture<TaskResult> first = client.submit(blocking, new TestKinds.Nothing(1));
    Batch batch = client.map(blocking, List.of(new TestKinds.Nothing(2), new TestKinds.Nothing(3)));

    client.close();

    assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TaskClientException.class);
    assertThatThrownBy(() -> batch.inOrder().toList())
        .isInstanceOf(TaskClientException.class)
        .hasMessageContaining("the client is closed");
    assertThat(batch.failure()).isPresent();
    assertThatThrownBy(() -> client.submit(CPU, new CpuParams(1)))
        .isInstanceOf(TaskClientException.class);
  }

  @Test
  void aCancelledBatchEndsItsWaits() throws InterruptedException {
    TestKinds.Blocking blocking = new TestKinds.Blocking();
    try (LocalTaskClient client = LocalTaskClient.threads(1)) {
      Batch batch =
          client.map(blocking, List.of(new TestKinds.Nothing(1), new TestKinds.Nothing(2)));

      batch.cancel();

      assertThat(batch.await(Duration.ofSeconds(5))).isFalse();
      assertThat(batch.isComplete()).isFalse();
      assertThatThrownBy(() -> batch.asCompleted().toList())
          .isInstanceOf(TaskClientException.class)
          .hasMessageContaining("cancelled");
      blocking.release.countDown();
    }
  }
}
