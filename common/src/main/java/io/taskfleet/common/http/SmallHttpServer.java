package io.taskfleet.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskfleet.common.FleetException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A few read-only pages ({@code /metrics}, {@code /health}) on the JDK's own HTTP server, served by
 * one named daemon thread: scrapes are rare and cheap, and the process keeps its threads for work.
 * Only GET and HEAD are answered; anything else gets 405.
 */
public final class SmallHttpServer implements AutoCloseable {

  /** What Prometheus expects for its text format. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Plain text for people and healthchecks. */
  public static final String TEXT = "text/plain; charset=utf-8";

  /** One response. */
  public record Page(int status, String contentType, String body) {}

  private final HttpServer server;
  private final ExecutorService thread;

  private SmallHttpServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Listens on every interface.
   *
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @param threadName the serving thread's name
   * @param portHint what to do when the port is taken, e.g. {@code choose another with
   *     --metrics-port}
   * @param pages each path with what it answers, asked anew for every request
   */
  public static SmallHttpServer start(
      int port, String threadName, String portHint, Map<String, Supplier<Page>> pages) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new FleetException(
          "cannot serve metrics on port " + port + " (" + e.getMessage() + "): " + portHint, e);
    }
    pages.forEach((path, page) -> server.createContext(path, exchange -> serve(exchange, page)));
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(thread);
    server.start();
    return new SmallHttpServer(server, thread);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Supplier<Page> page) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      respond(exchange, new Page(405, TEXT, "only GET\n"));
      return;
    }
    respond(exchange, page.get());
  }

  private static void respond(HttpExchange exchange, Page page) throws IOException {
    byte[] bytes = page.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", page.contentType());
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(page.status(), head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
