package io.taskfleet.common.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.common.compute.CpuLoop;
import io.taskfleet.common.compute.ImageFilter;
import io.taskfleet.common.compute.RandomImages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each built-in kind's checks, expected values and limits, through the api contract. */
class BuiltInKindsTest {

  private final CpuKind cpu = new CpuKind();
  private final SleepKind sleep = new SleepKind();
  private final HttpKind http = new HttpKind();
  private final ImageKind image = new ImageKind();

  @Test
  void theRegistryFindsTheFourBuiltInKindsInOrder() {
    KindRegistry kinds = KindRegistry.builtIn();

    assertThat(kinds.names()).containsExactly("cpu", "sleep", "http", "image");
    assertThat(kinds.find("image")).get().isInstanceOf(ImageKind.class);
    assertThat(kinds.find("gpu")).isEmpty();
    assertThat(kinds.find("sleep").orElseThrow().ioBound()).isTrue();
    assertThat(kinds.find("cpu").orElseThrow().ioBound()).isFalse();
  }

  @Test
  void twoKindsWithOneNameAreRefused() {
    assertThatThrownBy(() -> KindRegistry.of(java.util.List.of(cpu, new CpuKind())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("two kinds are named 'cpu'");
  }

  @Test
  void cpuExpectsTheClosedFormOfTheLoopAndRefusesNegativeOrTooManyIterations() {
    for (long n : new long[] {0, 1, 2, 10, 4_000_000}) {
      assertThat(cpu.expectedValue(new CpuParams(n))).hasValue(CpuLoop.sum(n));
    }
    assertThatThrownBy(() -> cpu.validate(new CpuParams(-5), Limits.unlimited()))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("params.iterations must be >= 0, was -5");
    assertThatThrownBy(
            () -> cpu.validate(new CpuParams(11), Limits.of(Map.of("max-iterations", 10L))))
        .hasMessage("params.iterations 11 exceeds this worker's limit of 10 (--max-iterations)");
    cpu.validate(new CpuParams(20_000_000_000L), Limits.unlimited());
  }

  @Test
  void sleepNeedsADurationWithinTheProtocolLimit() {
    assertThat(sleep.expectedValue(new SleepParams(250))).hasValue(250);
    sleep.validate(new SleepParams(0), Limits.defaults());
    assertThatThrownBy(() -> sleep.validate(new SleepParams(-1), Limits.unlimited()))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("params.sleepMs must be 0..3600000, was -1");
    assertThatThrownBy(
            () -> sleep.validate(new SleepParams(SleepKind.MAX_SLEEP_MS + 1), Limits.unlimited()))
        .isInstanceOf(InvalidTaskException.class);
    assertThatThrownBy(() -> sleep.validate(new SleepParams(60_001), Limits.defaults()))
        .hasMessageContaining("(--max-sleep-ms)");
  }

  @Test
  void httpNeedsAnHttpOrHttpsUrlWithAHost() {
    assertThat(http.expectedValue(new HttpParams("https://example.org/a.jpg"))).isEmpty();
    http.validate(new HttpParams("HTTP://127.0.0.1:8080/x"), Limits.unlimited());
    assertThatThrownBy(() -> http.validate(new HttpParams("file:///etc/passwd"), Limits.defaults()))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("params.url must be an http(s) URL with a host, was 'file:///etc/passwd'");
    assertThatThrownBy(() -> http.validate(new HttpParams("http:/no-host"), Limits.defaults()))
        .hasMessageContaining("with a host");
    assertThatThrownBy(() -> http.validate(new HttpParams("http://a b"), Limits.defaults()))
        .hasMessageStartingWith("params.url is not a URL");
    assertThatThrownBy(
            () -> http.validate(new HttpParams("http://h/" + "a".repeat(3000)), Limits.defaults()))
        .hasMessageContaining("over the limit of 2048");
    assertThatThrownBy(() -> http.validate(new HttpParams(null), Limits.defaults()))
        .hasMessage("http task needs params.url");
  }

  @Test
  void imageNeedsSidesInRangeAndExactlyThreeBytesPerPixel() {
    image.validate(new ImageParams(2, 3, new byte[18]), Limits.unlimited());
    assertThatThrownBy(() -> image.validate(new ImageParams(2, 3, new byte[17]), Limits.defaults()))
        .isInstanceOf(InvalidTaskException.class)
        .hasMessage("params.pixels must hold width x height x 3 = 18 bytes (RGB), had 17");
    assertThatThrownBy(() -> image.validate(new ImageParams(0, 3, new byte[0]), Limits.defaults()))
        .hasMessage("image size must be 1..16384 on each side, was 0x3");
    assertThatThrownBy(
            () -> image.validate(new ImageParams(20_000, 1, new byte[60_000]), Limits.defaults()))
        .hasMessageContaining("was 20000x1");
    assertThatThrownBy(() -> image.validate(new ImageParams(2, 2, null), Limits.defaults()))
        .hasMessage("image task needs params.width, params.height and params.pixels");
  }

  @Test
  void anImageTemplateDrawsEachTasksPixelsFromItsIdAndExpectsTheirChecksum() {
    ImageParams template = new ImageParams(8, 4, null);

    ImageParams task5 = image.forTask(template, 5);

    assertThat(task5.pixels()).isEqualTo(RandomImages.rgb(5, 8, 4));
    assertThat(image.expectedValue(task5))
        .hasValue(ImageFilter.checksum(8, 4, RandomImages.rgb(5, 8, 4)));
    assertThat(image.forTask(task5, 9)).isSameAs(task5);
  }

  @Test
  void imageParamsCompareByPixelsAndNeverPrintThem() {
    ImageParams a = new ImageParams(1, 1, new byte[] {1, 2, 3});
    ImageParams b = new ImageParams(1, 1, new byte[] {1, 2, 3});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new ImageParams(1, 1, new byte[] {1, 2, 4}));
    assertThat(a.toString()).contains("pixels=3 bytes");
  }

  @Test
  void describeSaysWhatEachTaskDoes() {
    assertThat(cpu.describe(new CpuParams(4_000_000))).isEqualTo("cpu, 4,000,000 iterations");
    assertThat(image.describe(new ImageParams(256, 128, null))).isEqualTo("image, 256x128 RGB");
  }
}
