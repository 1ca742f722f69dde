package io.taskfleet.producer.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.testing.ComposeFile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code docker compose --profile metrics up}: during a run, Prometheus scrapes every worker
 * container, the producer and the broker, and sees them all up. Runs only with {@code
 * -Pcontainers}; skips, saying why, without a Docker engine.
 */
@Tag("containers")
class MetricsProfileIT {

  private static final int WORKERS = 3;
  private static final int TASKS = 3_000;
  private static final int PROMETHEUS_PORT =
      Integer.parseInt(System.getenv().getOrDefault("METRICS_IT_PROMETHEUS_PORT", "35690"));

  private final String project =
      "taskfleet-metrics-" + UUID.randomUUID().toString().substring(0, 6);
  private final HttpClient http = HttpClient.newHttpClient();
  private ComposeCli compose;

  @BeforeEach
  void needsDocker() throws IOException {
    Optional<String> unavailable = ComposeCli.unavailableReason();
    unavailable.ifPresent(reason -> System.err.println("MetricsProfileIT skipped: " + reason));
    assumeTrue(unavailable.isEmpty(), () -> "container test skipped: " + unavailable.orElseThrow());
    Map<String, String> env = new HashMap<>();
    env.put("COMPOSE_PROFILES", "metrics");
    env.put("REPORTS_DIR", Files.createTempDirectory("metrics-it-reports").toString());
    env.put("RABBITMQ_AMQP_PORT", String.valueOf(PROMETHEUS_PORT + 1));
    env.put("RABBITMQ_UI_PORT", String.valueOf(PROMETHEUS_PORT + 2));
    env.put("PROMETHEUS_PORT", String.valueOf(PROMETHEUS_PORT));
    // Long enough (about 20 s of CPU on 2 cores) for several scrapes while the producer runs.
    // CPU-bound on purpose: sleep tasks overlap on the workers' I/O threads and would be over in
    // well under a second, before Prometheus has scraped the producer.
    env.put("PRODUCER_TASKS", String.valueOf(TASKS));
    env.put("PRODUCER_KIND", "cpu");
    env.put("PRODUCER_ITERATIONS", "40000000");
    compose = ComposeCli.forProject(ComposeFile.find().directory(), project, env);
  }

  @AfterEach
  void down() {
    if (compose != null) {
      compose.run(
          Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "45");
    }
  }

  @Test
  void prometheusSeesEveryWorkerTheProducerAndTheBrokerUpDuringARun() {
    ComposeCli.Result up =
        compose.run(Duration.ofMinutes(15), "up", "-d", "--build", "--scale", "worker=" + WORKERS);
    assertThat(up.exitCode()).as(up.output()).isZero();

    await("every target up in Prometheus during the run")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                upTargets("taskfleet-worker") == WORKERS
                    && upTargets("taskfleet-producer") == 1
                    && upTargets("rabbitmq") == 1
                    && value("taskfleet_producer_run_tasks") == TASKS);
    System.err.printf(
        "MetricsProfileIT: Prometheus sees %d workers, the producer and the broker up;"
            + " producer progress %.2f, throughput %.1f tasks/s%n",
        WORKERS,
        value("taskfleet_producer_run_progress_ratio"),
        value("taskfleet_producer_run_throughput"));

    String producer = lines(compose.run(Duration.ofMinutes(1), "ps", "-q", "producer")).get(0);
    ComposeCli.Result exit = ComposeCli.docker(Duration.ofMinutes(5), "wait", producer);
    assertThat(exit.output().strip()).isEqualTo("0");
  }

  /** How many targets of {@code job} have {@code up == 1}. */
  private int upTargets(String job) {
    JsonNode result = query("up{job=\"" + job + "\"} == 1");
    return result == null ? 0 : result.size();
  }

  private double value(String metric) {
    JsonNode result = query(metric);
    return result == null || result.isEmpty()
        ? Double.NaN
        : result.get(0).path("value").get(1).asDouble();
  }

  private JsonNode query(String promql) {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + PROMETHEUS_PORT
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? new ObjectMapper().readTree(response.body()).path("data").path("result")
          : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static List<String> lines(ComposeCli.Result result) {
    return Arrays.stream(result.output().split("\n"))
        .map(String::strip)
        .filter(line -> line.matches("[0-9a-f]{64}"))
        .toList();
  }
}
