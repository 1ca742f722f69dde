package io.taskfleet.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.worker.WorkerHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final AtomicReference<WorkerHealth> health =
      new AtomicReference<>(WorkerHealth.down("starting: connecting to amqp://x"));
  private final MetricsServer server =
      MetricsServer.start(0, () -> "taskfleet_tasks_in_flight 0\n", health::get);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void healthIs503WithTheReasonUntilTheWorkerIsUp() throws Exception {
    HttpResponse<String> starting = get("/health", "GET");
    health.set(WorkerHealth.up("consuming 'tasks' on 2 channel(s)"));
    HttpResponse<String> up = get("/health", "GET");

    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).isEqualTo("DOWN: starting: connecting to amqp://x\n");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).startsWith("UP: consuming 'tasks'");
  }

  @Test
  void metricsAreServedInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> response = get("/metrics", "GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue(MetricsServer.PROMETHEUS_CONTENT_TYPE);
    assertThat(response.body()).isEqualTo("taskfleet_tasks_in_flight 0\n");
  }

  @Test
  void otherMethodsAreRefused() throws Exception {
    HttpResponse<String> response = get("/metrics", "POST");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  private HttpResponse<String> get(String path, String method) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
