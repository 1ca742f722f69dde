package io.taskfleet.common.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.kinds.HttpParams;
import io.taskfleet.common.kinds.ImageParams;
import io.taskfleet.common.kinds.SleepParams;
import io.taskfleet.common.protocol.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskComputerTest {

  private static final byte[] BODY = RandomImages.rgb(5, 100, 100);

  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/cat.bin",
        exchange -> {
          exchange.sendResponseHeaders(200, BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(BODY);
          }
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static Task task(String kind, Record params) {
    return new Task("r", 0, kind, params, 0);
  }

  @Test
  void cpuRunsTheSeedLoop() {
    assertThat(new TaskComputer().run(task("cpu", new CpuParams(4_000_000))))
        .isEqualTo(Computation.of(7_999_998_000_000L));
  }

  @Test
  void sleepWaitsAtLeastTheAskedTimeAndReturnsIt() {
    long start = System.nanoTime();

    long value = new TaskComputer().compute(task("sleep", new SleepParams(30)));

    assertThat(value).isEqualTo(30);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(30));
  }

  @Test
  void httpReturnsTheByteCountAndTheSha256OfTheBody() throws NoSuchAlgorithmException {
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));

    Computation c = new TaskComputer().run(task("http", new HttpParams(base + "/cat.bin")));

    assertThat(c.value()).isEqualTo(30_000);
    assertThat(c.digest()).isEqualTo(expected).hasSize(64);
  }

  @Test
  void httpErrorStatusFailsTheTaskSayingWhy() {
    String url = base + "/missing";

    assertThatThrownBy(() -> new TaskComputer().run(task("http", new HttpParams(url))))
        .isInstanceOf(FleetException.class)
        .hasMessage("GET " + url + " answered HTTP 404");
  }

  @Test
  void httpBodyOverTheLimitFails() {
    TaskComputer small = new TaskComputer(Duration.ofSeconds(5), 1_000);

    assertThatThrownBy(() -> small.run(task("http", new HttpParams(base + "/cat.bin"))))
        .hasMessageContaining("returned more than 1000 bytes");
  }

  @Test
  void httpSlowerThanTheTimeoutFails() {
    TaskComputer impatient = new TaskComputer(Duration.ofMillis(200), 1_000);

    assertThatThrownBy(() -> impatient.run(task("http", new HttpParams(base + "/slow"))))
        .isInstanceOf(FleetException.class)
        .hasMessageContaining("failed")
        .hasMessageContaining("imed out");
  }

  @Test
  void imageReturnsTheChecksumOfTheFilteredImage() {
    byte[] pixels = RandomImages.rgb(11, 16, 8);

    long value = new TaskComputer().compute(task("image", new ImageParams(16, 8, pixels)));

    assertThat(value).isEqualTo(ImageFilter.checksum(16, 8, pixels)).isNotZero();
  }
}
