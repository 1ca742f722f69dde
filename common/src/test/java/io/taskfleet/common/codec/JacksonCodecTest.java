package io.taskfleet.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskKind;
import io.taskfleet.common.protocol.TaskParams;
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
    Task task = new Task("r1", 7, TaskKind.CPU, TaskParams.cpu(4_000_000), 1_700_000_000_000L);

    Task back = json.decodeTask(json.encodeTask(task));

    assertThat(back).isEqualTo(task);
  }

  @Test
  void taskWireFormatIsTheDocumentedOne() {
    Task task = new Task("r1", 7, TaskKind.CPU, TaskParams.cpu(4_000_000), 1_700_000_000_000L);

    String text = new String(json.encodeTask(task), StandardCharsets.UTF_8);

    assertThat(text)
        .isEqualTo(
            "{\"runId\":\"r1\",\"taskId\":7,\"kind\":\"cpu\",\"params\":{\"iterations\":4000000},"
                + "\"createdAtEpochMs\":1700000000000}");
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
        .hasMessageContaining("unknown task kind 'gpu' (known: cpu");
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
}
