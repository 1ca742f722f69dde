package io.taskfleet.producer.metrics;

import io.taskfleet.common.http.SmallHttpServer;
import io.taskfleet.common.http.SmallHttpServer.Page;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@code GET /metrics} in the Prometheus text format while the producer runs. */
public final class MetricsEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final SmallHttpServer server;

  private MetricsEndpoint(SmallHttpServer server) {
    this.server = server;
  }

  /**
   * Listens on every interface.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static MetricsEndpoint start(int port, ProducerMetrics metrics) {
    SmallHttpServer server =
        SmallHttpServer.start(
            port,
            "fleet-producer-http",
            "choose another with --metrics-port / PRODUCER_METRICS_PORT",
            Map.of(
                "/metrics",
                () -> new Page(200, SmallHttpServer.PROMETHEUS_CONTENT_TYPE, metrics.scrape())));
    log.info("serving /metrics on port {}", server.port());
    return new MetricsEndpoint(server);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
