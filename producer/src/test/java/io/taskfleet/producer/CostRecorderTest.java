package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.common.protocol.WorkerUsage;
import io.taskfleet.producer.report.Cost;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostRecorderTest {

  private static List<TaskResult> results(long pid, int n) {
    return Collections.nCopies(
        n,
        new TaskResult(
            "r",
            0,
            TaskStatus.OK,
            1,
            null,
            new WorkerIdentity("h", pid, "compute-1"),
            new WorkerTimings(0, 1_000, 0),
            false));
  }

  private static WorkerUsage usage(long cpuMs, long upMs, long computeMs, long codecMs) {
    return new WorkerUsage(
        cpuMs * 1_000_000,
        upMs * 1_000_000,
        cpuMs * 100_000, // a tenth of its CPU compiling
        List.of(
            new WorkerUsage.ThreadUsage("compute-1", computeMs * 1_000_000, 0, 0),
            new WorkerUsage.ThreadUsage("loop", 0, codecMs * 1_000_000, codecMs * 1_000_000)));
  }

  @Test
  void aWorkerIsMeasuredFromItsFirstMessageToItsLast() {
    CostRecorder recorder = new CostRecorder(List.of());
    arrive(recorder, results(7, 10), usage(5_000, 60_000, 4_000, 100)); // before: startup, etc.
    arrive(recorder, results(7, 10), usage(5_010, 60_020, 4_008, 101));
    arrive(recorder, results(7, 10), usage(5_020, 60_040, 4_016, 102));

    Cost cost = recorder.finish(30, "me:1");

    Cost.ProcessCost worker =
        cost.processes().stream().filter(p -> p.role().equals("worker")).findFirst().orElseThrow();
    assertThat(worker.process()).isEqualTo("h:7");
    assertThat(worker.tasks()).isEqualTo(20);
    assertThat(worker.cpuSeconds()).isEqualTo(0.02);
    assertThat(worker.cpuMsPerTask()).isEqualTo(1.0);
    assertThat(worker.jitSeconds()).isEqualTo(0.002);
    Cost.ThreadTime compute =
        cost.threads().stream()
            .filter(t -> t.thread().equals("compute-1"))
            .findFirst()
            .orElseThrow();
    assertThat(compute.seconds()).isEqualTo(0.04);
    assertThat(compute.computing()).isEqualTo(0.4);
    assertThat(compute.idle()).isEqualTo(0.6);
    Cost.ThreadTime loop =
        cost.threads().stream().filter(t -> t.thread().equals("loop")).findFirst().orElseThrow();
    assertThat(loop.codec()).isEqualTo(0.05);
    assertThat(loop.messaging()).isEqualTo(0.05);
  }

  @Test
  void messagesWithoutASnapshotCountUpToTheLastSnapshotOnly() {
    CostRecorder recorder = new CostRecorder(List.of());
    arrive(recorder, results(7, 10), usage(5_000, 60_000, 4_000, 100));
    recorder.message(results(7, 10)); // no snapshot: inside the span once one follows
    recorder.message(results(7, 10));
    arrive(recorder, results(7, 10), usage(5_030, 60_040, 4_024, 102));
    recorder.message(results(7, 10)); // after the last snapshot: outside the span

    Cost cost = recorder.finish(50, "me:1");

    Cost.ProcessCost worker =
        cost.processes().stream().filter(p -> p.role().equals("worker")).findFirst().orElseThrow();
    assertThat(worker.tasks()).isEqualTo(30);
    assertThat(worker.cpuSeconds()).isEqualTo(0.03);
    assertThat(worker.cpuMsPerTask()).isEqualTo(1.0);
  }

  /** A message that carried a snapshot, told as the result consumer tells it. */
  private static void arrive(CostRecorder recorder, List<TaskResult> results, WorkerUsage usage) {
    recorder.message(results);
    recorder.snapshot(results, usage);
  }

  @Test
  void aWorkerWithOneMessageHasNoSpanToMeasure() {
    CostRecorder recorder = new CostRecorder(List.of());
    arrive(recorder, results(7, 10), usage(5_000, 60_000, 4_000, 100));

    Cost cost = recorder.finish(10, "me:1");

    assertThat(cost.processes()).extracting(Cost.ProcessCost::role).containsExactly("producer");
  }

  @Test
  void inProcessThreadsSplitComputingFromIdle() throws Exception {
    CostRecorder recorder = new CostRecorder(List.of());
    recorder.computedHere(results(1, 1).get(0));
    Thread.sleep(5); // the run's wall time must be longer than the 1 µs computed

    Cost cost = recorder.finish(1, "me:1");

    assertThat(cost.threads())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.thread()).isEqualTo("compute-1");
              assertThat(t.computing()).isLessThan(0.01);
              assertThat(t.idle()).isGreaterThan(0.99);
            });
    assertThat(cost.processes().get(0).process()).isEqualTo("me:1");
  }

  @Test
  void theProducersOwnCpuIsCounted() {
    CostRecorder recorder = new CostRecorder(List.of());
    long sink = 0;
    for (int i = 0; i < 50_000_000; i++) {
      sink += i % 7;
    }

    Cost cost = recorder.finish(1, "me:1");

    assertThat(sink).isPositive();
    assertThat(cost.processes().get(0).cpuSeconds()).isPositive();
  }
}
