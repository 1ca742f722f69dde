package io.taskfleet.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each kind's parameters are checked when a task is built, whether by the producer or a codec. */
class TaskKindsTest {

  private static Task task(TaskKind kind, TaskParams params) {
    return new Task("r", 1, kind, params, 0);
  }

  @Test
  void sleepNeedsADurationWithinTheProtocolLimit() {
    assertThat(task(TaskKind.SLEEP, TaskParams.sleep(0)).knownValue()).hasValue(0);
    assertThat(task(TaskKind.SLEEP, TaskParams.sleep(250)).expectedValue()).isEqualTo(250);
    assertThatThrownBy(() -> task(TaskKind.SLEEP, TaskParams.cpu(5)))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("sleep task needs params.sleepMs");
    assertThatThrownBy(() -> task(TaskKind.SLEEP, TaskParams.sleep(-1)))
        .hasMessage("params.sleepMs must be 0..3600000, was -1");
    assertThatThrownBy(() -> task(TaskKind.SLEEP, TaskParams.sleep(Task.MAX_SLEEP_MS + 1)))
        .isInstanceOf(InvalidMessageException.class);
  }

  @Test
  void httpNeedsAnHttpOrHttpsUrlWithAHost() {
    assertThat(task(TaskKind.HTTP, TaskParams.http("https://example.org/a.jpg")).knownValue())
        .isEmpty();
    assertThat(task(TaskKind.HTTP, TaskParams.http("HTTP://127.0.0.1:8080/x")).params().url())
        .isEqualTo("HTTP://127.0.0.1:8080/x");
    assertThatThrownBy(() -> task(TaskKind.HTTP, TaskParams.http("file:///etc/passwd")))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("params.url must be an http(s) URL with a host, was 'file:///etc/passwd'");
    assertThatThrownBy(() -> task(TaskKind.HTTP, TaskParams.http("http:/no-host")))
        .hasMessageContaining("with a host");
    assertThatThrownBy(() -> task(TaskKind.HTTP, TaskParams.http("http://a b")))
        .hasMessageStartingWith("params.url is not a URL");
    assertThatThrownBy(() -> task(TaskKind.HTTP, TaskParams.http("http://h/" + "a".repeat(3000))))
        .hasMessageContaining("over the limit of 2048");
    assertThatThrownBy(() -> task(TaskKind.HTTP, TaskParams.sleep(1)))
        .hasMessage("http task needs params.url");
    assertThatThrownBy(() -> task(TaskKind.HTTP, TaskParams.http("https://h/")).expectedValue())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void imageNeedsSidesInRangeAndExactlyThreeBytesPerPixel() {
    assertThat(task(TaskKind.IMAGE, TaskParams.image(2, 3, new byte[18])).knownValue()).isEmpty();
    assertThatThrownBy(() -> task(TaskKind.IMAGE, TaskParams.image(2, 3, new byte[17])))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("params.pixels must hold width x height x 3 = 18 bytes (RGB), had 17");
    assertThatThrownBy(() -> task(TaskKind.IMAGE, TaskParams.image(0, 3, new byte[0])))
        .hasMessage("image size must be 1..16384 on each side, was 0x3");
    assertThatThrownBy(() -> task(TaskKind.IMAGE, TaskParams.image(20_000, 1, new byte[60_000])))
        .hasMessageContaining("was 20000x1");
    assertThatThrownBy(() -> task(TaskKind.IMAGE, new TaskParams(null, null, null, 2, 2, null)))
        .hasMessage("image task needs params.width, params.height and params.pixels");
  }

  @Test
  void imageParamsCompareByPixelsAndNeverPrintThem() {
    TaskParams a = TaskParams.image(1, 1, new byte[] {1, 2, 3});
    TaskParams b = TaskParams.image(1, 1, new byte[] {1, 2, 3});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(TaskParams.image(1, 1, new byte[] {1, 2, 4}));
    assertThat(a.toString()).contains("pixels=3 bytes");
  }

  @Test
  void kindsAreLowerCaseOnTheWire() {
    assertThat(TaskKind.known()).isEqualTo("cpu, sleep, http, image");
    assertThat(TaskKind.fromWire("image")).isEqualTo(TaskKind.IMAGE);
  }
}
