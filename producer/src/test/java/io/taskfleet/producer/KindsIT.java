package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.taskfleet.common.testing.TestBroker;
import io.taskfleet.common.testing.WorkerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every task kind through a real worker JVM and a real broker, in both codecs. */
class KindsIT {

  private String queue;
  private String url;
  private WorkerProcess worker;
  private HttpServer server;
  private final AtomicInteger downloads = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    queue = TestBroker.uniqueQueue("it-kinds");
    url = TestBroker.amqpUrl();
    worker =
        WorkerProcess.start(url, "--queue", queue, "--threads", "2", "--max-image-pixels", "10000");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = new byte[12_345];
    server.createContext(
        "/cat.jpg",
        exchange -> {
          downloads.incrementAndGet();
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    worker.close();
    TestBroker.deleteTopology(queue);
  }

  private ProducerRunner.Outcome produce(String... flags) {
    String[] base = {
      "--amqp-url", url, "--queue", queue, "--await-workers", "1", "--timeout", "60"
    };
    String[] all = new String[base.length + flags.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(flags, 0, all, base.length, flags.length);
    return ProducerRunner.run(Map.of(), all);
  }

  private static void assertAllCorrect(ProducerRunner.Outcome outcome, int tasks) {
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonNode run = outcome.run(0);
    assertThat(run.get("completed").asInt()).isEqualTo(tasks);
    assertThat(run.get("failed").asInt()).isZero();
    assertThat(run.get("valuesCorrect").asBoolean()).isTrue();
  }

  @Test
  void imageTasksComeBackWithTheChecksumTheProducerExpectsInBothCodecs() {
    ProducerRunner.Outcome json =
        produce("--kind", "image", "--image-size", "64x48", "--tasks", "40");
    ProducerRunner.Outcome smile =
        produce("--kind", "image", "--image-size", "64x48", "--tasks", "40", "--codec", "smile");

    assertAllCorrect(json, 40);
    assertAllCorrect(smile, 40);
    assertThat(smile.run(0).get("codec").asText()).isEqualTo("smile");
    double jsonBytes = json.run(0).get("taskBytes").asDouble();
    double smileBytes = smile.run(0).get("taskBytes").asDouble();
    // 64 x 48 x 3 = 9,216 bytes of pixels: raw in Smile, base64 (4/3) in JSON.
    assertThat(smileBytes).isBetween(9_216.0, 9_600.0);
    assertThat(jsonBytes).isBetween(12_288.0, 12_700.0);
    assertThat(json.run(0).get("workload").asText()).isEqualTo("image, 64x48 RGB");
  }

  @Test
  void cpuAndSleepTasksAreComputedByTheWorker() {
    ProducerRunner.Outcome cpu =
        produce("--kind", "cpu", "--iterations", "100000", "--tasks", "50", "--codec", "smile");
    ProducerRunner.Outcome sleep = produce("--kind", "sleep", "--sleep-ms", "20", "--tasks", "20");

    assertAllCorrect(cpu, 50);
    assertAllCorrect(sleep, 20);
    // Sleeps overlap on the workers' I/O threads, but none takes less than its 20 ms.
    assertThat(sleep.run(0).get("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(0.02);
    assertThat(sleep.run(0).get("computeMsMean").asDouble()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void httpTasksDownloadFromTheServerAndAMissingFileFailsEveryTaskSayingWhy() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    ProducerRunner.Outcome ok =
        produce("--kind", "http", "--url", base + "/cat.jpg", "--tasks", "15", "--codec", "smile");
    ProducerRunner.Outcome missing =
        produce("--kind", "http", "--url", base + "/dog.jpg", "--tasks", "3");

    assertAllCorrect(ok, 15);
    assertThat(downloads.get()).isEqualTo(15);
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.run(0).get("failed").asInt()).isEqualTo(3);
    assertThat(missing.run(0).get("failureReasons").fieldNames().next())
        .endsWith("GET " + base + "/dog.jpg answered HTTP 404");
  }

  @Test
  void imageOverTheWorkersLimitIsDeadLetteredAndReportedFailed() throws IOException {
    Path html = Files.createTempFile("kinds-", ".html");

    ProducerRunner.Outcome outcome =
        produce(
            "--kind",
            "image",
            "--image-size",
            "101x100",
            "--tasks",
            "2",
            "--html",
            html.toString());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.run(0).get("failed").asInt()).isEqualTo(2);
    assertThat(outcome.out())
        .contains("rejected: image of 101x100 pixels, 10100 exceeds this worker's limit");
    assertThat(TestBroker.messageCount(queue + ".dead")).isEqualTo(2);
    assertThat(Files.readString(html)).contains("id=\"failures\"", "rejected: image of 101x100");
  }
}
