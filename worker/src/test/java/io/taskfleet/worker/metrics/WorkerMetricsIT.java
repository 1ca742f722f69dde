package io.taskfleet.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A worker JVM from the jar, a real broker, and its /health and /metrics scraped over HTTP. One
 * worker serves both tests: a JVM start is most of the time here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerMetricsIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private String queue;
  private WorkerProcess worker;
  private int port;

  @BeforeAll
  void startWorker() throws IOException {
    queue = TestBroker.uniqueQueue("it-metrics");
    port = freePort();
    worker =
        WorkerProcess.start(
            TestBroker.amqpUrl(),
            "--queue",
            queue,
            "--threads",
            "2",
            "--metrics-port",
            String.valueOf(port));
  }

  @AfterAll
  void cleanUp() {
    if (worker != null) {
      worker.close();
    }
    TestBroker.deleteTopology(queue);
  }

  @Test
  void healthIsUpOnceTheWorkerConsumes() throws Exception {
    HttpResponse<String> health = get("/health");

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).startsWith("UP: consuming '" + queue + "' (prefetch ");
  }

  @Test
  void metricsCountTasksByOutcomeAndCarryTheClientsOwnMeters() throws Exception {
    Codec json = Codecs.byName("json");
    try (Connection connection = TestBroker.connect("it-metrics-publisher");
        Channel channel = connection.createChannel()) {
      String replies = channel.queueDeclare().getQueue();
      for (int id = 0; id < 3; id++) {
        Task task =
            new Task("rmetrics", id, "cpu", new CpuParams(1_000), System.currentTimeMillis());
        channel.basicPublish("", queue, props(json.contentType(), replies), json.encodeTask(task));
      }
      channel.basicPublish(
          "",
          queue,
          props(json.contentType(), replies),
          "not json".getBytes(StandardCharsets.UTF_8));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get("/metrics").body())
                      .contains("taskfleet_tasks_total{outcome=\"completed\"} 3")
                      .contains("taskfleet_tasks_total{outcome=\"dead_lettered\"} 1"));
    }
    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue(MetricsServer.PROMETHEUS_CONTENT_TYPE);
    assertThat(metrics.body())
        .contains("taskfleet_tasks_total{outcome=\"failed\"} 0")
        .contains("taskfleet_tasks_in_flight 0")
        .contains("taskfleet_task_compute_seconds_count 3")
        // One connection consumes and acks, the other publishes results (alarms block only it).
        .contains("rabbitmq_connections 2")
        .contains("rabbitmq_consumed_total 4")
        .contains("rabbitmq_acknowledged_total 4")
        .contains("rabbitmq_published_total 4");
    assertThat(TestBroker.messageCount(queue + ".dead")).isEqualTo(1);
  }

  private static AMQP.BasicProperties props(String contentType, String replyTo) {
    return new AMQP.BasicProperties.Builder()
        .contentType(contentType)
        .replyTo(replyTo)
        .correlationId("it")
        .build();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
