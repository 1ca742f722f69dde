package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a worker mid-run: it finishes and acks what it holds, exits 0 in bounded time, and the
 * run completes on the other worker with no task run twice. Ctrl-C (SIGINT) or SIGTERM to the
 * producer: the partial report is printed and the result queue removed.
 */
class GracefulStopIT {

  private String queue;
  private WorkerProcess first;
  private WorkerProcess second;
  private ProducerProcess producer;

  @BeforeEach
  void uniqueQueue() {
    queue = TestBroker.uniqueQueue("it-stop");
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(producer, first, second);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void aWorkerStoppedWithSigtermFinishesItsTasksAndExitsZero() {
    String url = TestBroker.amqpUrl();
    int tasks = 800;
    first = WorkerProcess.start(url, "--queue", queue, "--shutdown-timeout", "20");
    second = WorkerProcess.start(url, "--queue", queue);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(tasks),
            "--iterations",
            "2000000",
            "--await-workers",
            "2",
            "--timeout",
            "120");

    producer.awaitStderr("(20%)", Duration.ofSeconds(60));
    long start = System.nanoTime();
    int exit = first.terminate(Duration.ofSeconds(30));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(exit).as(first.output()).isZero();
    assertThat(took).isLessThan(Duration.ofSeconds(25));
    assertThat(first.output()).contains("worker stopped:");
    assertThat(FleetChecks.stoppedFigure(first.output(), "completed")).isPositive();
    assertThat(producer.waitFor(Duration.ofSeconds(150))).as(producer.stderr()).isZero();
    JsonNode run = producer.run();
    FleetChecks.everyTaskExactlyOnce(run, tasks);
    assertThat(run.get("duplicates").asInt()).as("a graceful stop runs nothing twice").isZero();
    FleetChecks.nothingLeftBehind(queue, run);
    FleetChecks.figures(
        "worker-sigterm", run, "workersStopped=1 exit=0 in " + took.toMillis() + " ms");
  }

  @Test
  void ctrlCOnTheProducerPrintsThePartialReportAndRemovesTheResultQueue() {
    interruptProducer("INT", 130);
  }

  @Test
  void sigtermOnTheProducerPrintsThePartialReportAndRemovesTheResultQueue() {
    interruptProducer("TERM", 143);
  }

  private void interruptProducer(String signal, int expectedExit) {
    String url = TestBroker.amqpUrl();
    int tasks = 3_000;
    first = WorkerProcess.start(url, "--queue", queue);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(tasks),
            "--iterations",
            "2000000",
            "--await-workers",
            "1",
            "--timeout",
            "120");

    producer.awaitStderr("(10%)", Duration.ofSeconds(60));
    producer.signal(signal);

    assertThat(producer.waitFor(Duration.ofSeconds(20)))
        .as(producer.stderr())
        .isEqualTo(expectedExit);
    assertThat(producer.stdout()).contains("when interrupted");
    assertThat(producer.stderr()).contains("interrupted; the report above is partial");
    JsonNode run = producer.run();
    assertThat(run.get("interrupted").asBoolean()).isTrue();
    assertThat(run.get("completed").asInt()).isPositive().isLessThan(tasks);
    assertThat(run.get("missing").asInt()).isEqualTo(tasks - run.get("completed").asInt());
    String resultQueue = queue + ".results." + run.get("runId").asText();
    assertThat(TestBroker.queueExists(resultQueue)).as("result queue removed").isFalse();
    assertThat(first.isAlive()).isTrue();
  }
}
