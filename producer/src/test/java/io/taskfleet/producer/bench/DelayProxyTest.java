package io.taskfleet.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No broker: an echo server behind the proxy. Time is only bounded below. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelayProxyTest {

  private static final long DELAY_MS = 50;

  private ServerSocket echo;
  private DelayProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (true) {
                Socket socket;
                try {
                  socket = echo.accept();
                } catch (IOException e) {
                  return;
                }
                Thread echoing =
                    new Thread(
                        () -> {
                          try (socket;
                              InputStream in = socket.getInputStream();
                              OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                          } catch (IOException ignored) {
                            // the client left
                          }
                        });
                echoing.setDaemon(true);
                echoing.start();
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    proxy =
        new DelayProxy(
            0,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()),
            DELAY_MS);
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void aRoundTripTakesAtLeastTwiceTheDelay() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      socket.setTcpNoDelay(true);
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        socket.getOutputStream().write('x' + i);
        int back = socket.getInputStream().read();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(back).isEqualTo('x' + i);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(2 * DELAY_MS);
      }
    }
  }

  @Test
  void bytesArriveIntactAndInOrderWhileManyWritesAreInFlight() throws Exception {
    byte[] sent = new byte[4 * 1024 * 1024];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 31 + (i >>> 11));
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      // many small writes, each its own chunk in the proxy, none waiting for the one before
      Thread writer =
          new Thread(
              () -> {
                try {
                  OutputStream out = socket.getOutputStream();
                  for (int offset = 0; offset < sent.length; offset += 1000) {
                    out.write(sent, offset, Math.min(1000, sent.length - offset));
                  }
                  socket.shutdownOutput();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      long start = System.nanoTime();
      writer.start();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(received);
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      writer.join();

      assertThat(received.toByteArray()).isEqualTo(sent);
      assertThat(elapsedMs).isGreaterThanOrEqualTo(2 * DELAY_MS);
    }
  }
}
