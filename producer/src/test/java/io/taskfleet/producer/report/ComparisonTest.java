package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  static RunReport run(String mode, double elapsed, int workers, int threads, RoundStats rounds) {
    List<RunReport.WorkerTasks> tallies =
        java.util.stream.IntStream.range(0, workers)
            .mapToObj(i -> new RunReport.WorkerTasks("h", i, 10))
            .toList();
    return new RunReport(
        mode,
        "r",
        "cpu",
        1000,
        "json",
        100,
        100,
        0,
        0,
        elapsed,
        100 / elapsed,
        tallies,
        workers,
        new RunReport.LatencyMs(1, 1, 1, 1),
        1,
        0,
        true,
        0,
        List.of(),
        Map.of(),
        0,
        false,
        false,
        threads,
        rounds,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void speedupIsOverOriginAndEfficiencyIsPerUnitOfParallelism() {
    List<RunReport> runs =
        List.of(
            run("origin", 8.0, 1, 1, null),
            run("threads", 4.4, 1, 2, null),
            run("fleet", 5.0, 2, 1, null));

    List<Comparison> rows = Comparison.of(runs);

    assertThat(rows).extracting(Comparison::mode).containsExactly("origin", "threads", "fleet");
    assertThat(rows.get(0).speedup()).isEqualTo(1.0);
    assertThat(rows.get(0).efficiency()).isEqualTo(1.0);
    assertThat(rows.get(1).speedup()).isEqualTo(1.818);
    assertThat(rows.get(1).efficiency()).isEqualTo(0.909);
    assertThat(rows.get(2).speedup()).isEqualTo(1.6);
    assertThat(rows.get(2).efficiency()).isEqualTo(0.8);
    assertThat(rows.get(2).workers()).isEqualTo(2);
    assertThat(rows.get(2).threadsPerWorker()).isEqualTo(1);
  }

  @Test
  void withoutOriginThereIsNoSpeedup() {
    List<Comparison> rows = Comparison.of(List.of(run("fleet", 5.0, 2, 1, null)));

    assertThat(rows.get(0).speedup()).isZero();
    assertThat(rows.get(0).efficiency()).isZero();
  }

  @Test
  void minAndMaxComeFromTheRoundsWhenRepeated() {
    RoundStats rounds = RoundStats.of(1, List.of(3.0, 2.0, 4.0));

    Comparison row = Comparison.of(List.of(run("threads", 3.0, 1, 2, rounds))).get(0);

    assertThat(row.minSeconds()).isEqualTo(2.0);
    assertThat(row.maxSeconds()).isEqualTo(4.0);
  }

  @Test
  void tablePrintsOneLinePerModeWithWorkersTimesThreads() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Comparison> rows =
        Comparison.of(List.of(run("origin", 8.0, 1, 1, null), run("fleet", 5.0, 2, 1, null)));

    new ComparisonTable(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(rows);

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("workers × threads", "speedup", "efficiency");
    assertThat(text).containsPattern("origin +1 × 1 +8\\.000 .* 1\\.00× +100\\.0%");
    assertThat(text).containsPattern("fleet +2 × 1 +5\\.000 .* 1\\.60× +80\\.0%");
  }

  @Test
  void aLongModeNameWidensTheModeColumnSoTheOthersStayAligned() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Comparison> rows =
        Comparison.of(
            List.of(
                run("origin", 8.0, 1, 1, null),
                run("fleet", 5.0, 2, 1, null),
                run(Comparison.FLEET_CHUNK_1, 6.0, 2, 1, null)));

    new ComparisonTable(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(rows);

    List<String> lines =
        bytes
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains(" × ") && !l.contains("workers"))
            .toList();
    assertThat(lines).hasSize(3);
    assertThat(lines)
        .extracting(l -> l.indexOf(" × "))
        .as("every row's workers × threads in the same place: %s", lines)
        .containsOnly(lines.get(0).indexOf(" × "));
  }
}
