package io.taskfleet.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.kinds.HttpParams;
import io.taskfleet.common.kinds.ImageParams;
import io.taskfleet.common.kinds.SleepParams;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JacksonCodecTest {

  private final Codec json = Codecs.byName("json");

  @Test
  void taskRoundTripsThroughJson() {
    Task task = new Task("r1", 7, "cpu", new CpuParams(4_000_000), 1_700_000_000_000L);

    Task back = json.decodeTask(json.encodeTask(task));

    assertThat(back).isEqualTo(task);
  }

  @Test
  void taskWireFormatIsTheDocumentedOne() {
    Task task = new Task("r1", 7, "cpu", new CpuParams(4_000_000), 1_700_000_000_000L);

    String text = new String(json.encodeTask(task), StandardCharsets.UTF_8);

    assertThat(text)
        .isEqualTo(
            "{\"runId\":\"r1\",\"taskId\":7,\"kind\":\"cpu\",\"params\":{\"iterations\":4000000},"
                + "\"createdAtEpochMs\":1700000000000}");
  }

  /** README's single-task example, byte for byte: decoded, then encoded again. */
  @Test
  void readmeSingleTaskExampleRoundTripsByteForByte() {
    String readme =
        "{\"runId\":\"r5ac07783\",\"taskId\":7,\"kind\":\"cpu\",\"params\":{\"iterations\":4000000},"
            + "\"createdAtEpochMs\":1764036964512}";
    byte[] body = readme.getBytes(StandardCharsets.UTF_8);

    Task task = json.decodeTask(body);

    assertThat(task)
        .isEqualTo(new Task("r5ac07783", 7, "cpu", new CpuParams(4_000_000), 1764036964512L));
    assertThat(json.encodeTask(task)).isEqualTo(body);
  }

  @Test
  void eachBuiltInKindKeepsItsDocumentedFieldNames() {
    assertThat(encode(new Task("r", 1, "sleep", new SleepParams(25), 0)))
        .isEqualTo(
            "{\"runId\":\"r\",\"taskId\":1,\"kind\":\"sleep\",\"params\":{\"sleepMs\":25},"
                + "\"createdAtEpochMs\":0}");
    assertThat(encode(new Task("r", 2, "http", new HttpParams("http://h/a.jpg"), 0)))
        .contains("\"kind\":\"http\",\"params\":{\"url\":\"http://h/a.jpg\"}");
    assertThat(encode(new Task("r", 3, "image", new ImageParams(1, 1, new byte[] {1, 2, 3}), 0)))
        .contains("\"params\":{\"width\":1,\"height\":1,\"pixels\":\"AQID\"}");
  }

  @Test
  void paramsBeforeKindAreBoundAllTheSame() {
    byte[] body =
        "{\"params\":{\"sleepMs\":5},\"createdAtEpochMs\":0,\"kind\":\"sleep\",\"taskId\":2,\"runId\":\"r\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(json.decodeTask(body)).isEqualTo(new Task("r", 2, "sleep", new SleepParams(5), 0));
  }

  @Test
  void missingParamsFieldIsInvalidWithItsPath() {
    byte[] body =
        "{\"runId\":\"r\",\"taskId\":1,\"kind\":\"cpu\",\"params\":{},\"createdAtEpochMs\":0}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.decodeTask(body))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("not a valid task: field 'params.iterations' is missing or has the wrong type");
  }

  private String encode(Task task) {
    return new String(json.encodeTask(task), StandardCharsets.UTF_8);
  }

  @Test
  void resultRoundTripsWithWorkerAndTimings() {
    TaskResult result =
        new TaskResult(
            "r1",
            7,
            TaskStatus.OK,
            7_999_998_000_000L,
            null,
            new WorkerIdentity("host-a", 42, "fleet-worker-1"),
            new WorkerTimings(10, 20, 30),
            true);

    TaskResult back = json.decodeResult(json.encodeResult(result));

    assertThat(back).isEqualTo(result);
    assertThat(new String(json.encodeResult(result), StandardCharsets.UTF_8))
        .contains("\"status\":\"ok\"")
        .doesNotContain("\"error\"");
  }

  @Test
  void bodyThatIsNotJsonIsInvalid() {
    assertThatThrownBy(() -> json.decodeTask("hello".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("not json");
  }

  @Test
  void jsonThatIsNotATaskIsInvalidWithTheReason() {
    assertThatThrownBy(() -> json.decodeTask("{\"foo\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("not a valid task: field 'taskId' is missing or has the wrong type");
  }

  @Test
  void unknownKindIsInvalidAndNamesTheKnownOnes() {
    byte[] body =
        "{\"runId\":\"r\",\"taskId\":1,\"kind\":\"gpu\",\"params\":{},\"createdAtEpochMs\":0}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.decodeTask(body))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage(
            "not a valid task: unknown task kind 'gpu' (this worker serves cpu, sleep, http, image)");
  }

  @Test
  void negativeIterationsAreInvalid() {
    byte[] body =
        "{\"runId\":\"r\",\"taskId\":1,\"kind\":\"cpu\",\"params\":{\"iterations\":-5},\"createdAtEpochMs\":0}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.decodeTask(body))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("params.iterations must be >= 0, was -5");
  }

  @Test
  void oversizedBodyIsRejectedBeforeParsing() {
    Codec small = Codecs.byName("json", 1024);

    assertThatThrownBy(() -> small.decodeTask(new byte[2048]))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("exceeds the limit of 1024 bytes");
  }

  @Test
  void classNamesFromTheWireAreNeverInstantiated() {
    byte[] body =
        "{\"runId\":\"r\",\"taskId\":1,\"kind\":\"cpu\",\"params\":[\"java.lang.ProcessBuilder\",{}],\"createdAtEpochMs\":0}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.decodeTask(body)).isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void peekReadsIdsOfAnInvalidTaskButNotOfGarbage() {
    byte[] invalid =
        "{\"runId\":\"r9\",\"taskId\":3,\"kind\":\"gpu\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(json.peekTaskRef(invalid)).contains(new Codec.TaskRef("r9", 3));
    assertThat(json.peekTaskRef("]]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(json.peekTaskRef("{\"taskId\":3}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void contentTypeSelectsTheCodecAndJsonIsTheDefault() {
    var codecs = Codecs.byContentType(1024);

    assertThat(Codecs.forContentType(codecs, null).name()).isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, "application/json").name()).isEqualTo("json");
    assertThat(Codecs.forContentType(codecs, "text/plain")).isNull();
  }

  private static TaskResult okResult(long taskId) {
    return TaskResult.ok(
        new Task("r9", taskId, "cpu", new CpuParams(5), 7),
        10,
        new WorkerIdentity("h", 1, "t"),
        new WorkerTimings(1, 2, 3, 4),
        false);
  }

  @Test
  void chunkAndResultsRoundTripInEveryCodecWithTheirDocumentedShape() {
    java.util.List<Task> tasks =
        java.util.List.of(
            new Task("r9", 1, "cpu", new CpuParams(5), 7),
            new Task("r9", 2, "sleep", new SleepParams(3), 7));
    java.util.List<TaskResult> results = java.util.List.of(okResult(1), okResult(2));
    for (String name : java.util.List.of("json", "smile")) {
      Codec codec = Codecs.byName(name);

      assertThat(codec.decodeTaskMessage(codec.encodeChunk(tasks)).tasks()).isEqualTo(tasks);
      assertThat(codec.decodeResults(codec.encodeResults(results))).isEqualTo(results);
      assertThat(codec.decodeResults(codec.encodeResult(results.get(0))))
          .containsExactly(results.get(0));
    }
    JacksonCodec jackson = (JacksonCodec) json;
    assertThat(jackson.streamChunk(json.encodeChunk(tasks))).as("the fast path").isNotNull();
    assertThat(jackson.streamResults(json.encodeResults(results))).hasSize(2);
    assertThat(jackson.streamResults(json.encodeResult(results.get(0)))).hasSize(1);
    assertThat(new String(json.encodeChunk(tasks), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"runId\":\"r9\",\"createdAtEpochMs\":7,\"tasks\":["
                + "{\"taskId\":1,\"kind\":\"cpu\",\"params\":{\"iterations\":5}},"
                + "{\"taskId\":2,\"kind\":\"sleep\",\"params\":{\"sleepMs\":3}}]}");
  }

  @Test
  void aChunksRunIdAndCreationTimeWinOverATasksOwn() {
    String body =
        "{\"runId\":\"r9\",\"createdAtEpochMs\":7,\"tasks\":[{\"taskId\":1,\"runId\":\"other\","
            + "\"createdAtEpochMs\":99,\"kind\":\"cpu\",\"params\":{\"iterations\":5}}]}";

    Task task = json.decodeTaskMessage(body.getBytes(StandardCharsets.UTF_8)).tasks().get(0);

    assertThat(task).isEqualTo(new Task("r9", 1, "cpu", new CpuParams(5), 7));
  }

  @Test
  void aChunkWithOneBadTaskStillRejectsOnlyThatTask() {
    String body =
        "{\"runId\":\"r9\",\"createdAtEpochMs\":7,\"tasks\":["
            + "{\"taskId\":1,\"kind\":\"cpu\",\"params\":{\"iterations\":5}},"
            + "{\"taskId\":2,\"kind\":\"nope\",\"params\":{}}]}";

    var message = json.decodeTaskMessage(body.getBytes(StandardCharsets.UTF_8));

    assertThat(message.tasks()).extracting(Task::taskId).containsExactly(1L);
    assertThat(message.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.taskId()).isEqualTo(2);
              assertThat(r.reason()).contains("unknown task kind 'nope'");
            });
  }

  @Test
  void aSingleResultWithAResultsFieldIsReadAsABatch() {
    String body = "{\"runId\":\"r9\",\"taskId\":1,\"status\":\"ok\",\"results\":[]}";

    assertThatThrownBy(() -> json.decodeResults(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("non-empty 'results' array");
  }
}
