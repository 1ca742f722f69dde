package io.taskfleet.producer.metrics;

import com.sun.net.httpserver.HttpServer;
import io.taskfleet.common.FleetException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on the JDK's own HTTP server, on one
 * named daemon thread, while the producer runs.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService thread;

  private MetricsEndpoint(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Listens on every interface.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static MetricsEndpoint start(int port, ProducerMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new FleetException(
          "cannot serve metrics on port "
              + port
              + " ("
              + e.getMessage()
              + "): choose another with --metrics-port / PRODUCER_METRICS_PORT",
          e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_CONTENT_TYPE);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-producer-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(thread);
    server.start();
    log.info("serving /metrics on port {}", server.getAddress().getPort());
    return new MetricsEndpoint(server, thread);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
