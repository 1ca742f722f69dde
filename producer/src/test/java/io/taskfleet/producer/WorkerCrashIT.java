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

/** A worker SIGKILLed mid-run: the tasks it held go to the other worker, none lost or doubled. */
class WorkerCrashIT {

  private static final int TASKS = 1_000;

  private String queue;
  private WorkerProcess doomed;
  private WorkerProcess survivor;
  private ProducerProcess producer;

  @BeforeEach
  void uniqueQueue() {
    queue = TestBroker.uniqueQueue("it-crash");
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(producer, doomed, survivor);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void tasksHeldByAKilledWorkerAreRunByTheOtherAndReportedOnce() {
    String url = TestBroker.amqpUrl();
    doomed = WorkerProcess.start(url, "--queue", queue, "--prefetch", "20");
    survivor = WorkerProcess.start(url, "--queue", queue, "--prefetch", "20");
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(TASKS),
            "--iterations",
            "2000000",
            "--await-workers",
            "2",
            "--timeout",
            "120");

    producer.awaitStderr("(20%)", Duration.ofSeconds(60));
    doomed.kill();

    assertThat(producer.waitFor(Duration.ofSeconds(150))).as(producer.stderr()).isZero();
    JsonNode run = producer.run();
    FleetChecks.everyTaskExactlyOnce(run, TASKS);
    FleetChecks.nothingLeftBehind(queue, run);
    assertThat(survivor.terminate(Duration.ofSeconds(30))).as(survivor.output()).isZero();
    long redelivered = FleetChecks.stoppedFigure(survivor.output(), "redelivered");
    assertThat(redelivered)
        .as("tasks the killed worker held, run again by the survivor")
        .isPositive();
    assertThat(survivor.output()).doesNotContain(url.replaceFirst("^amqps?://", ""));
    FleetChecks.figures(
        "worker-sigkill", run, "workersKilled=1 redeliveredToSurvivor=" + redelivered);
  }
}
