package io.taskfleet.producer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server for {@code http} tasks that lets a test hold a run at a point of its choosing:
 * once {@link #closeAt(int)} requests have been answered, every further request waits until the
 * test calls {@link #open()}. A run of http tasks against it cannot finish while the gate is
 * closed, so a test can inject a fault mid-run without racing the run's end.
 */
final class GatedHttpServer implements AutoCloseable {

  static final byte[] BODY = new byte[256];

  private final HttpServer server;
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger arrived = new AtomicInteger();
  private final Object lock = new Object();
  private int closeAt = Integer.MAX_VALUE;

  GatedHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/blob";
  }

  /** From now on, requests beyond the first {@code count} answered wait for {@link #open()}. */
  void closeAt(int count) {
    synchronized (lock) {
      closeAt = count;
      lock.notifyAll();
    }
  }

  void open() {
    closeAt(Integer.MAX_VALUE);
  }

  /** Requests currently held at the gate. */
  int waiting() {
    return waiting.get();
  }

  /** Requests received so far, answered or not. */
  int arrived() {
    return arrived.get();
  }

  int answered() {
    return answered.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      arrived.incrementAndGet();
      synchronized (lock) {
        waiting.incrementAndGet();
        try {
          while (answered.get() >= closeAt) {
            lock.wait();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          waiting.decrementAndGet();
        }
        answered.incrementAndGet();
      }
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    }
  }

  @Override
  public void close() {
    open();
    server.stop(0);
  }
}
