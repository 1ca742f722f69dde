package io.taskfleet.worker.metrics;

import io.taskfleet.common.http.SmallHttpServer;
import io.taskfleet.common.http.SmallHttpServer.Page;
import io.taskfleet.worker.WorkerHealth;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's two pages, on one named thread:
 *
 * <ul>
 *   <li>{@code GET /health}: 200 while the worker consumes, 503 otherwise, with one line saying
 *       why; for container healthchecks and readiness probes.
 *   <li>{@code GET /metrics}: the Prometheus text format.
 * </ul>
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  /** What Prometheus expects for its text format. */
  public static final String PROMETHEUS_CONTENT_TYPE = SmallHttpServer.PROMETHEUS_CONTENT_TYPE;

  private final SmallHttpServer server;

  private MetricsServer(SmallHttpServer server) {
    this.server = server;
  }

  /**
   * Listens on every interface.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static MetricsServer start(
      int port, Supplier<String> metrics, Supplier<WorkerHealth> health) {
    SmallHttpServer server =
        SmallHttpServer.start(
            port,
            "fleet-worker-http",
            "choose another with --metrics-port / WORKER_METRICS_PORT, or 0 to turn them off",
            Map.of(
                "/metrics",
                () -> new Page(200, PROMETHEUS_CONTENT_TYPE, metrics.get()),
                "/health",
                () -> healthPage(health.get())));
    log.info("serving /health and /metrics on port {}", server.port());
    return new MetricsServer(server);
  }

  private static Page healthPage(WorkerHealth now) {
    return new Page(
        now.up() ? 200 : 503,
        SmallHttpServer.TEXT,
        (now.up() ? "UP" : "DOWN") + ": " + now.detail() + "\n");
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
