package io.taskfleet.producer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProducerMetricsTest {

  @Test
  void scrapeShowsTheRunningRunsProgress() {
    ProducerMetrics metrics = new ProducerMetrics();
    AtomicInteger results = new AtomicInteger();

    metrics.runStarted(200, results::get);
    results.set(50);

    assertThat(metrics.scrape())
        .contains("taskfleet_producer_run_tasks 200.0")
        .contains("taskfleet_producer_run_results 50.0")
        .contains("taskfleet_producer_run_progress_ratio 0.25")
        .contains("taskfleet_producer_running 1.0")
        .contains("taskfleet_producer_run_throughput");
  }

  @Test
  void aFinishedRunKeepsItsFiguresAndCountsOnce() {
    ProducerMetrics metrics = new ProducerMetrics();
    AtomicInteger results = new AtomicInteger();
    metrics.runStarted(10, results::get);
    results.set(10);

    metrics.runFinished();
    results.set(99);

    assertThat(metrics.scrape())
        .contains("taskfleet_producer_run_results 10.0")
        .contains("taskfleet_producer_run_progress_ratio 1.0")
        .contains("taskfleet_producer_running 0.0")
        .contains("taskfleet_producer_runs_total 1.0");
    assertThat(metrics.throughput(Long.MAX_VALUE)).isEqualTo(metrics.throughput(0));
  }

  @Test
  void endpointServesTheScrape() throws Exception {
    ProducerMetrics metrics = new ProducerMetrics();
    metrics.runStarted(3, () -> 1);

    try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, metrics)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("taskfleet_producer_run_tasks 3.0");
    }
  }
}
