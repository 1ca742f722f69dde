package io.taskfleet.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.common.compute.RandomImages;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every codec must do, checked for each of {@link Codecs#names()}. */
class CodecTest {

  private static final WorkerIdentity WORKER = new WorkerIdentity("host-a", 42, "fleet-worker-1");

  static List<String> codecs() {
    return Codecs.names();
  }

  static Stream<Task> tasksOfEveryKind() {
    return Stream.of(
        new Task("r1", 0, "cpu", new CpuParams(4_000_000), 1_700_000_000_000L),
        new Task("r1", 1, "sleep", new SleepParams(25), 1_700_000_000_000L),
        new Task("r1", 2, "http", new HttpParams("http://127.0.0.1:8080/cat.jpg"), 0),
        new Task("r1", 3, "image", new ImageParams(5, 3, RandomImages.rgb(3, 5, 3)), 0));
  }

  @Test
  void everyKindIsCovered() {
    assertThat(tasksOfEveryKind().map(Task::kind))
        .containsExactlyInAnyOrderElementsOf(KindRegistry.builtIn().names());
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void everyKindOfTaskRoundTrips(String name) {
    Codec codec = Codecs.byName(name);

    tasksOfEveryKind()
        .forEach(task -> assertThat(codec.decodeTask(codec.encodeTask(task))).isEqualTo(task));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void resultsRoundTripWithAndWithoutDigest(String name) {
    Codec codec = Codecs.byName(name);
    TaskResult plain =
        new TaskResult(
            "r1",
            7,
            TaskStatus.OK,
            7_999_998_000_000L,
            null,
            WORKER,
            new WorkerTimings(10, 20, 30),
            true);
    TaskResult http =
        new TaskResult(
            "r1",
            8,
            TaskStatus.OK,
            1234,
            null,
            WORKER,
            WorkerTimings.NONE,
            false,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    TaskResult failed =
        TaskResult.failed("r1", 9, "computation failed: boom", WORKER, WorkerTimings.NONE, false);

    for (TaskResult result : List.of(plain, http, failed)) {
      assertThat(codec.decodeResult(codec.encodeResult(result))).isEqualTo(result);
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void bodyOverTheLimitIsRejectedBeforeParsing(String name) {
    Codec small = Codecs.byName(name, 1024);
    Task big = new Task("r", 0, "image", new ImageParams(32, 32, RandomImages.rgb(1, 32, 32)), 0);
    byte[] body = Codecs.byName(name).encodeTask(big);

    assertThat(body.length).isGreaterThan(1024);
    assertThatThrownBy(() -> small.decodeTask(body))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("body of " + body.length + " bytes exceeds the limit of 1024 bytes");
    assertThat(small.peekTaskRef(body)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void imageWhosePayloadDoesNotMatchItsSizeIsInvalid(String name) {
    Codec codec = Codecs.byName(name);
    // A valid 4x4 image round trips; the same body claiming 5x4 is refused.
    Task task = new Task("r", 3, "image", new ImageParams(4, 4, RandomImages.rgb(1, 4, 4)), 0);
    byte[] body = codec.encodeTask(task);
    String tampered =
        new String(Codecs.byName("json").encodeTask(task), StandardCharsets.UTF_8)
            .replace("\"width\":4", "\"width\":5");

    assertThat(codec.decodeTask(body)).isEqualTo(task);
    assertThatThrownBy(
            () -> Codecs.byName("json").decodeTask(tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining(
            "params.pixels must hold width x height x 3 = 60 bytes (RGB), had 48");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void peekReadsTheIdsOfATaskThatFailsValidation(String name) {
    Codec codec = Codecs.byName(name);
    byte[] valid = codec.encodeTask(new Task("r9", 3, "sleep", new SleepParams(5), 0));

    assertThat(codec.peekTaskRef(valid)).contains(new Codec.TaskRef("r9", 3));
    assertThat(codec.peekTaskRef(new byte[] {1, 2, 3})).isEmpty();
  }

  @Test
  void smileIsSelectedByItsContentTypeAndTheWorkerAnswersInKind() {
    var codecs = Codecs.byContentType(1024);

    Codec smile = Codecs.forContentType(codecs, Codecs.SMILE_CONTENT_TYPE);

    assertThat(smile.name()).isEqualTo("smile");
    assertThat(smile.contentType()).isEqualTo("application/x-jackson-smile");
    assertThat(Codecs.forContentType(codecs, "application/json").name()).isEqualTo("json");
  }

  @Test
  void smileCarriesPixelsRawWhileJsonCarriesThemInBase64() {
    int side = 64;
    Task task =
        new Task("r", 0, "image", new ImageParams(side, side, RandomImages.rgb(7, side, side)), 0);
    int raw = side * side * 3;

    int json = Codecs.byName("json").encodeTask(task).length;
    int smile = Codecs.byName("smile").encodeTask(task).length;

    assertThat(json).isBetween(raw * 4 / 3, raw * 4 / 3 + 200);
    assertThat(smile).isBetween(raw, raw + 200);
  }

  @Test
  void smileBodyIsNotJson() {
    Task task = new Task("r", 0, "cpu", new CpuParams(1), 0);
    byte[] smile = Codecs.byName("smile").encodeTask(task);

    assertThatThrownBy(() -> Codecs.byName("json").decodeTask(smile))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(
            () -> Codecs.byName("smile").decodeTask("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("not smile");
  }

  @Test
  void unknownCodecNameIsAConfigErrorNamingTheKnownOnes() {
    assertThatThrownBy(() -> Codecs.byName("xml"))
        .hasMessage("unknown codec 'xml'; use one of json, smile");
  }
}
