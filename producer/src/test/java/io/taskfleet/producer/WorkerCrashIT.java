package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskfleet.common.testing.CleanUp;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private final GatedHttpServer server = new GatedHttpServer();

  @BeforeEach
  void uniqueQueue() {
    queue = TestBroker.uniqueQueue("it-crash");
  }

  @AfterEach
  void cleanUp() {
    CleanUp.closeAll(producer, doomed, survivor, server);
    TestBroker.deleteTopology(queue);
  }

  @Test
  void tasksHeldByAKilledWorkerAreRunByTheOtherAndReportedOnce() throws Exception {
    String url = TestBroker.amqpUrl();
    int port = freePort();
    doomed =
        WorkerProcess.start(
            url, "--queue", queue, "--prefetch", "20", "--metrics-port", Integer.toString(port));
    survivor = WorkerProcess.start(url, "--queue", queue, "--prefetch", "20");
    // http tasks against a server the test holds at 20%: the doomed worker is killed holding
    // tasks, however fast this machine runs them.
    server.closeAt(TASKS / 5);
    producer =
        ProducerProcess.start(
            url,
            "--queue",
            queue,
            "--tasks",
            Integer.toString(TASKS),
            "--kind",
            "http",
            "--url",
            server.url(),
            "--await-workers",
            "2",
            "--timeout",
            "120");

    await("the doomed worker holds tasks at the gate")
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.answered() >= TASKS / 5 && tasksInHand(port) > 0);
    doomed.kill();
    server.open();

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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The tasks a worker says it is computing, from its /health line; -1 when it cannot say. */
  private static int tasksInHand(int port) {
    try {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher m = IN_HAND.matcher(health.body());
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static final Pattern IN_HAND = Pattern.compile("(\\d+) task\\(s\\) in hand");
}
