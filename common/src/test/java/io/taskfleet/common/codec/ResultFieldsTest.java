package io.taskfleet.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Results written and read field by field are exactly what data binding writes and reads: the same
 * bytes out, and for any body, the same results in or the same error.
 */
class ResultFieldsTest {

  private static final List<String> TEXTS =
      List.of("", "h", "fleet-worker-1", "quote\" back\\slash", "new\nline\u0000nul", "héllo ☃ 𝄞");

  /** The results message as data binding wrote it before it was written by hand. */
  private record Results(String runId, List<TaskResult> results) {}

  private static List<TaskResult> randomResults(Random random, int count) {
    List<TaskResult> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean ok = random.nextBoolean();
      String text = TEXTS.get(random.nextInt(TEXTS.size()));
      results.add(
          new TaskResult(
              "r" + random.nextInt(1000),
              random.nextInt(3) == 0 ? Long.MAX_VALUE : random.nextInt(100_000),
              ok ? TaskStatus.OK : TaskStatus.FAILED,
              ok ? random.nextLong() : 0,
              ok ? null : "failed: " + text,
              new WorkerIdentity("host" + text, random.nextInt(1 << 22), text),
              new WorkerTimings(
                  random.nextInt(1_000_000),
                  Math.abs(random.nextLong() >> 1),
                  random.nextInt(1000),
                  random.nextBoolean() ? 0 : 1_795_430_164_512_012L + random.nextInt(1000)),
              random.nextBoolean(),
              random.nextInt(4) == 0 ? "sha256:" + text : null));
    }
    return results;
  }

  @Test
  void everyCodecWritesTheBytesDataBindingWroteAndReadsThemBack() {
    Random random = new Random(42);
    for (String name : Codecs.names()) {
      JacksonCodec codec = (JacksonCodec) Codecs.byName(name);
      for (int round = 0; round < 200; round++) {
        List<TaskResult> results = randomResults(random, 1 + random.nextInt(5));
        TaskResult first = results.get(0);

        byte[] batch = codec.encodeResults(results);
        byte[] single = codec.encodeResult(first);

        assertThat(batch).isEqualTo(codec.write(new Results(first.runId(), results)));
        assertThat(single).isEqualTo(codec.write(first));
        assertThat(codec.streamResults(batch)).as(name + " fast path").isEqualTo(results);
        assertThat(codec.streamResults(single)).containsExactly(first);
        assertThat(codec.decodeResultsAsTree(batch)).isEqualTo(results);
      }
    }
  }

  @Test
  void theDocumentedResultIsReadWithoutDataBinding() {
    String body =
        "{\"runId\":\"r5ac07783\",\"taskId\":7,\"status\":\"ok\",\"value\":7999998000000,"
            + "\"worker\":{\"host\":\"vm\",\"pid\":28506,\"thread\":\"fleet-worker-1\"},"
            + "\"timings\":{\"decodeNanos\":41250,\"computeNanos\":1204733,\"encodeNanos\":9834,"
            + "\"startedAtEpochMicros\":1795430164512012},\"redelivered\":false}";

    assertThat(fast(body))
        .containsExactly(
            new TaskResult(
                "r5ac07783",
                7,
                TaskStatus.OK,
                7_999_998_000_000L,
                null,
                new WorkerIdentity("vm", 28506, "fleet-worker-1"),
                new WorkerTimings(41250, 1204733, 9834, 1795430164512012L),
                false));
  }

  /** Bodies the fast path hands to data binding, which reads them as before. */
  @Test
  void anythingUnusualGoesToDataBindingWhichDecidesAsBefore() {
    String worker = "\"worker\":{\"host\":\"h\",\"pid\":1,\"thread\":\"t\"}";
    String timings = "\"timings\":{\"decodeNanos\":1,\"computeNanos\":2,\"encodeNanos\":3}";
    List<String> readable =
        List.of(
            // a field this reader does not know: ignored by data binding
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\",\"value\":2,\"extra\":[1],"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            // an explicit null error
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\",\"value\":2,\"error\":null,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            // no thread, no timings: data binding's defaults
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\",\"value\":2,"
                + "\"worker\":{\"host\":\"h\",\"pid\":1},\"redelivered\":false}");
    for (String body : readable) {
      assertThat(fast(body)).as(body).isNull();
      assertThat(decode(body)).isEqualTo(tree(body));
    }
    List<String> invalid =
        List.of(
            // the same field twice, in the result, in worker, in timings
            "{\"runId\":\"r\",\"taskId\":1,\"taskId\":2,\"status\":\"ok\",\"value\":2,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\",\"value\":2,"
                + "\"worker\":{\"host\":\"h\",\"pid\":1,\"pid\":2,\"thread\":\"t\"},"
                + timings
                + ",\"redelivered\":false}",
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\",\"value\":2,"
                + worker
                + ",\"timings\":{\"decodeNanos\":1,\"decodeNanos\":1,\"computeNanos\":2,"
                + "\"encodeNanos\":3},\"redelivered\":false}",
            // a results field spelled with an escape, after the single result's fields
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\",\"res\\u0075lts\":[]}",
            // no taskId
            "{\"runId\":\"r\",\"status\":\"ok\",\"value\":2,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            // no taskId
            "{\"runId\":\"r\",\"status\":\"ok\",\"value\":2,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            // invalid values
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"failed\",\"value\":0,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            "{\"runId\":\"r\",\"taskId\":1,\"status\":\"maybe\",\"value\":0,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            "{\"runId\":\"r\",\"taskId\":1.5,\"status\":\"ok\",\"value\":0,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}",
            "{\"runId\":\"r\",\"results\":[{\"runId\":\"r\",\"taskId\":1,\"status\":\"ok\","
                + "\"value\":99999999999999999999,"
                + worker
                + ","
                + timings
                + ",\"redelivered\":false}]}");
    for (String body : invalid) {
      assertThat(fast(body)).as(body).isNull();
      String reason = error(() -> tree(body));
      assertThatThrownBy(() -> decode(body))
          .as(body)
          .isInstanceOf(InvalidMessageException.class)
          .hasMessage(reason);
    }
  }

  private static final JacksonCodec JSON = (JacksonCodec) Codecs.byName("json");

  private static List<TaskResult> fast(String body) {
    return JSON.streamResults(body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<TaskResult> decode(String body) {
    return JSON.decodeResults(body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<TaskResult> tree(String body) {
    return JSON.decodeResultsAsTree(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(Runnable decoding) {
    try {
      decoding.run();
    } catch (InvalidMessageException e) {
      return e.getMessage();
    }
    throw new AssertionError("data binding read an invalid body");
  }
}
