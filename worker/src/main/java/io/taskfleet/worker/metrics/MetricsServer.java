package io.taskfleet.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskfleet.common.FleetException;
import io.taskfleet.worker.WorkerHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on the JDK's own {@code com.sun.net.httpserver}, with two pages:
 *
 * <ul>
 *   <li>{@code GET /health}: 200 while the worker consumes, 503 otherwise, with one line saying
 *       why; for container healthchecks and readiness probes.
 *   <li>{@code GET /metrics}: the Prometheus text format.
 * </ul>
 *
 * One named thread serves both: scrapes are rare and cheap, and it keeps the worker's threads for
 * tasks.
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  /** What Prometheus expects for its text format. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService thread;

  private MetricsServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Listens on every interface.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   */
  public static MetricsServer start(
      int port, Supplier<String> metrics, Supplier<WorkerHealth> health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new FleetException(
          "cannot serve metrics on port "
              + port
              + " ("
              + e.getMessage()
              + "): choose another"
              + " with --metrics-port / WORKER_METRICS_PORT, or 0 to turn them off",
          e);
    }
    server.createContext("/metrics", exchange -> serveMetrics(exchange, metrics));
    server.createContext("/health", exchange -> serveHealth(exchange, health));
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> daemon(r, "fleet-worker-http"));
    server.setExecutor(thread);
    server.start();
    log.info("serving /health and /metrics on port {}", server.getAddress().getPort());
    return new MetricsServer(server, thread);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serveMetrics(HttpExchange exchange, Supplier<String> metrics)
      throws IOException {
    if (!isGet(exchange)) {
      return;
    }
    respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.get());
  }

  private static void serveHealth(HttpExchange exchange, Supplier<WorkerHealth> health)
      throws IOException {
    if (!isGet(exchange)) {
      return;
    }
    WorkerHealth now = health.get();
    String body = (now.up() ? "UP" : "DOWN") + ": " + now.detail() + "\n";
    respond(exchange, now.up() ? 200 : 503, "text/plain; charset=utf-8", body);
  }

  private static boolean isGet(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
