package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TaskBatchTest {

  private final TaskHandler handler = new TaskHandler("host-a", 42, 10_000_000, 64 * 1024);
  private final UsageMeter meter = new UsageMeter();
  private final List<List<TaskResult>> sent = Collections.synchronizedList(new ArrayList<>());

  private static List<Task> tasks(int n, long iterations) {
    return LongStream.range(0, n)
        .mapToObj(id -> new Task("r1", id, "cpu", new CpuParams(iterations), 0))
        .toList();
  }

  private TaskBatch batch(List<Task> tasks, long streamNanos) {
    return new TaskBatch(tasks, handler, 0, false, meter, streamNanos, sent::add);
  }

  @Test
  void oneRunnerRunsAChunkInOrderAndPassesItsResultsOnOnce() {
    TaskBatch batch = batch(tasks(50, 10), Long.MAX_VALUE);

    batch.runner().run();

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0))
        .extracting(TaskResult::taskId)
        .containsExactlyElementsOf(LongStream.range(0, 50).boxed().toList());
  }

  @Test
  void resultsStreamBackWhileALongBatchRuns() {
    TaskBatch batch = batch(tasks(5, 10), 0);

    batch.runner().run();

    assertThat(sent).hasSize(5).allSatisfy(results -> assertThat(results).hasSize(1));
  }

  @Test
  void severalRunnersShareTheTasksWithoutRunningOneTwice() throws InterruptedException {
    TaskBatch batch = batch(tasks(400, 1_000), Long.MAX_VALUE);
    Thread a = new Thread(batch.runner(), "fleet-worker-1");
    Thread b = new Thread(batch.runner(), "fleet-worker-2");

    a.start();
    b.start();
    a.join();
    b.join();

    List<Long> ids = sent.stream().flatMap(List::stream).map(TaskResult::taskId).sorted().toList();
    assertThat(ids).containsExactlyElementsOf(LongStream.range(0, 400).boxed().toList());
  }

  @Test
  void computeTimeIsCountedOnTheRunningThreadAndEveryResultSaysWhenItStarted() {
    long before = System.currentTimeMillis() * 1_000 - 1_000_000;
    batch(tasks(20, 100_000), Long.MAX_VALUE).runner().run();

    List<TaskResult> results = sent.get(0);
    long computed = results.stream().mapToLong(r -> r.timings().computeNanos()).sum();
    WorkerUsage usage = meter.snapshot();
    String me = Thread.currentThread().getName();
    assertThat(usage.threads())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.thread()).isEqualTo(me);
              assertThat(t.computeNanos()).isEqualTo(computed).isPositive();
            });
    assertThat(results)
        .allSatisfy(r -> assertThat(r.timings().startedAtEpochMicros()).isGreaterThan(before));
    assertThat(results.get(19).timings().startedAtEpochMicros())
        .isGreaterThanOrEqualTo(results.get(0).timings().startedAtEpochMicros());
  }
}
