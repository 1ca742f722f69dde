package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.kinds.HttpParams;
import io.taskfleet.common.kinds.ImageParams;
import io.taskfleet.common.kinds.SleepParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workloads from flags, from --param and from a tasks file; mistakes are one line, exit 2. */
class KindOptionsTest {

  @TempDir Path dir;

  private static Workload workload(String... args) {
    ProducerCommand command = new ProducerCommand();
    new picocli.CommandLine(command).parseArgs(args);
    ProducerConfig config = command.toConfig();
    return Workload.of(config, config.iterations());
  }

  @Test
  void shortcutFlagsKeepWorkingForTheBuiltInKinds() {
    assertThat(workload("--iterations", "1000").task("r", 0, 0).params())
        .isEqualTo(new CpuParams(1000));
    assertThat(workload("--kind", "sleep", "--sleep-ms", "7").task("r", 0, 0).params())
        .isEqualTo(new SleepParams(7));
    assertThat(workload("--kind", "http", "--url", "http://h/a").task("r", 0, 0).params())
        .isEqualTo(new HttpParams("http://h/a"));
    ImageParams image =
        (ImageParams) workload("--kind", "image", "--image-size", "4x3").task("r", 2, 0).params();
    assertThat(image.width()).isEqualTo(4);
    assertThat(image.pixels()).hasSize(36);
  }

  @Test
  void paramSetsAnyFieldOfTheKindAndWinsOverTheShortcuts() {
    Workload sleep = workload("--kind", "sleep", "--sleep-ms", "7", "--param", "sleepMs=9");

    assertThat(sleep.task("r", 0, 0).params()).isEqualTo(new SleepParams(9));
    assertThat(sleep.expectedValues().apply(3)).hasValue(9);
    assertThat(sleep.describe()).isEqualTo("sleep, 9 ms");
  }

  @Test
  void aParamThatDoesNotFitItsFieldIsOneClearLine() {
    ProducerRunner.Outcome outcome =
        ProducerRunner.run(Map.of(), "--kind", "sleep", "--param", "sleepMs=soon");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().lines()).hasSize(1);
    assertThat(outcome.err().strip())
        .isEqualTo(
            "producer: --kind sleep: params of kind 'sleep' do not fit SleepParams:"
                + " field 'sleepMs' is missing or has the wrong type");
  }

  @Test
  void anUnknownKindNamesTheKnownOnes() {
    ProducerRunner.Outcome outcome = ProducerRunner.run(Map.of(), "--kind", "sha256");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .isEqualTo(
            "producer: --kind must be one of cpu, sleep, http, image, was 'sha256'"
                + " (a plugin's kind needs --plugins DIR)");
  }

  @Test
  void aTasksFileGivesOneTaskPerLineOfAnyKind() throws IOException {
    Path file = dir.resolve("tasks.jsonl");
    Files.write(
        file,
        List.of(
            "{\"kind\":\"cpu\",\"params\":{\"iterations\":1000}}",
            "",
            "# a comment",
            "{\"kind\":\"sleep\",\"params\":{\"sleepMs\":3}}",
            "{\"kind\":\"image\",\"params\":{\"width\":2,\"height\":2}}"));

    Workload workload = workload("--tasks-file", file.toString(), "--tasks", "99");

    assertThat(workload.tasks()).isEqualTo(3);
    assertThat(workload.kindName()).isEqualTo("cpu+sleep+image");
    assertThat(workload.task("r", 1, 0).params()).isEqualTo(new SleepParams(3));
    assertThat(workload.expectedValues().apply(0)).hasValue(1000L * 999 / 2);
    assertThat(workload.expectedValues().apply(2)).isPresent();
    assertThat(workload.describe()).isEqualTo("3 task(s) of cpu+sleep+image from " + file);
  }

  @Test
  void aBadLineOfTheTasksFileIsOneLineWithItsNumberAndExitCode2() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.write(
        file,
        List.of(
            "{\"kind\":\"cpu\",\"params\":{\"iterations\":1000}}",
            "{\"kind\":\"cpu\",\"params\":{\"iterations\":-1}}"));
    Path unknown = dir.resolve("unknown.jsonl");
    Files.write(unknown, List.of("{\"kind\":\"gpu\",\"params\":{}}"));
    Path garbage = dir.resolve("garbage.jsonl");
    Files.write(garbage, List.of("", "{\"kind\":"));

    ProducerRunner.Outcome bad = ProducerRunner.run(Map.of(), "--tasks-file", file.toString());
    ProducerRunner.Outcome gpu = ProducerRunner.run(Map.of(), "--tasks-file", unknown.toString());
    ProducerRunner.Outcome cut = ProducerRunner.run(Map.of(), "--tasks-file", garbage.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip())
        .isEqualTo(
            "producer: --tasks-file " + file + " line 2: params.iterations must be >= 0, was -1");
    assertThat(gpu.err().strip())
        .endsWith("line 1: unknown kind 'gpu' (known: cpu, sleep, http, image)");
    assertThat(cut.exitCode()).isEqualTo(2);
    assertThat(cut.err().lines()).hasSize(1);
    assertThat(cut.err()).contains("line 2: not JSON");
  }
}
