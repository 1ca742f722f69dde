package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.compute.ImageFilter;
import io.taskfleet.common.compute.RandomImages;
import io.taskfleet.common.kinds.HttpParams;
import io.taskfleet.common.kinds.ImageParams;
import io.taskfleet.common.kinds.SleepParams;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every kind through the worker's decide/compute/encode step, in both codecs, and its limits. */
class TaskHandlerKindsTest {

  private final TaskLimits limits =
      new TaskLimits(1_000_000, 100, 64 * 64, Duration.ofSeconds(5), 1_000_000);
  private final TaskHandler handler = new TaskHandler("host-a", 42, limits, 1024 * 1024);

  private Outcome handle(Codec codec, Task task) {
    return handler.handle(codec.encodeTask(task), codec.contentType(), false);
  }

  @Test
  void imageTaskIsAnsweredWithItsChecksumInTheCodecItCameIn() {
    byte[] pixels = RandomImages.rgb(9, 64, 64);
    Task task = new Task("r", 1, "image", new ImageParams(64, 64, pixels), 0);

    for (String name : Codecs.names()) {
      Codec codec = Codecs.byName(name);
      Outcome outcome = handle(codec, task);

      assertThat(outcome.kind()).as(name).isEqualTo(Outcome.Kind.COMPLETED);
      assertThat(codec.decodeResult(outcome.reply()).value())
          .as(name)
          .isEqualTo(ImageFilter.checksum(64, 64, pixels));
    }
  }

  @Test
  void imageOverThePixelLimitIsDeadLetteredWithTheReason() {
    Task task = new Task("r", 2, "image", new ImageParams(65, 64, RandomImages.rgb(1, 65, 64)), 0);
    Codec smile = Codecs.byName("smile");

    Outcome outcome = handle(smile, task);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason())
        .isEqualTo(
            "image of 65x64 pixels, 4160 exceeds this worker's limit of 4096 (--max-image-pixels)");
    TaskResult failed = smile.decodeResult(outcome.reply());
    assertThat(failed.taskId()).isEqualTo(2);
    assertThat(failed.error()).startsWith("rejected: image of 65x64");
  }

  @Test
  void payloadOverTheBodyLimitIsDeadLettered() {
    TaskHandler strict = new TaskHandler("host-a", 42, limits, 4096);
    Task task = new Task("r", 3, "image", new ImageParams(40, 40, RandomImages.rgb(1, 40, 40)), 0);
    Codec json = Codecs.byName("json");

    Outcome outcome = strict.handle(json.encodeTask(task), json.contentType(), false);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason()).contains("exceeds the limit of 4096 bytes");
  }

  @Test
  void sleepIsAnsweredAndALongerOneThanAllowedIsDeadLettered() {
    Codec json = Codecs.byName("json");

    Outcome ok = handle(json, new Task("r", 4, "sleep", new SleepParams(5), 0));
    Outcome tooLong = handle(json, new Task("r", 5, "sleep", new SleepParams(101), 0));

    assertThat(json.decodeResult(ok.reply()).value()).isEqualTo(5);
    assertThat(ok.computeNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(5).toNanos());
    assertThat(tooLong.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(tooLong.deadLetterReason())
        .isEqualTo("params.sleepMs 101 exceeds this worker's limit of 100 (--max-sleep-ms)");
  }

  @Test
  void httpResultCarriesTheByteCountAndDigestAndAFailedDownloadIsAFailedResult()
      throws IOException {
    byte[] body = "hello, fleet".getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hello",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Codec json = Codecs.byName("json");

      Outcome ok = handle(json, new Task("r", 6, "http", new HttpParams(base + "/hello"), 0));
      Outcome missing = handle(json, new Task("r", 7, "http", new HttpParams(base + "/nope"), 0));

      TaskResult result = json.decodeResult(ok.reply());
      assertThat(result.value()).isEqualTo(body.length);
      // sha256("hello, fleet"), computed apart with sha256sum
      assertThat(result.digest())
          .isEqualTo("a725107ce9c269fc8915937ae690f2e74ba42ce043fcb6675a02c08908441bde");
      assertThat(missing.kind()).isEqualTo(Outcome.Kind.FAILED);
      assertThat(json.decodeResult(missing.reply()).error())
          .isEqualTo(
              "computation failed: io.taskfleet.common.FleetException: GET "
                  + base
                  + "/nope answered HTTP 404");
    } finally {
      server.stop(0);
    }
  }
}
