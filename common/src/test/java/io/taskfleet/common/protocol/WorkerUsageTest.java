package io.taskfleet.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerUsageTest {

  private final WorkerUsage usage =
      new WorkerUsage(
          5_000,
          9_000,
          1_200,
          List.of(
              new WorkerUsage.ThreadUsage("compute-1", 4_000, 0, 0),
              new WorkerUsage.ThreadUsage("loop", 0, 300, 700)));

  @Test
  void headersCarryTheSnapshot() {
    assertThat(WorkerUsage.fromHeaders(usage.toHeaders())).hasValue(usage);
  }

  @Test
  void aSnapshotWithoutJitTimeIsReadWithNone() {
    Map<String, Object> older = new HashMap<>(usage.toHeaders());
    older.remove(WorkerUsage.JIT_HEADER);

    assertThat(WorkerUsage.fromHeaders(older))
        .hasValueSatisfying(u -> assertThat(u.jitNanos()).isZero());
  }

  @Test
  void noHeadersNoSnapshot() {
    assertThat(WorkerUsage.fromHeaders(null)).isEmpty();
    assertThat(WorkerUsage.fromHeaders(Map.of("x-other", 1))).isEmpty();
  }

  @Test
  void malformedSnapshotsAreIgnored() {
    Map<String, Object> negative = new HashMap<>(usage.toHeaders());
    negative.put(WorkerUsage.CPU_HEADER, -1L);
    Map<String, Object> text = new HashMap<>(usage.toHeaders());
    text.put(WorkerUsage.THREADS_HEADER, Map.of("t", Map.of("compute", "x")));
    Map<String, Object> tooMany = new HashMap<>(usage.toHeaders());
    Map<String, Object> threads = new HashMap<>();
    for (int i = 0; i <= WorkerUsage.MAX_THREADS; i++) {
      threads.put("t" + i, Map.of("compute", 1L, "codec", 1L, "messaging", 1L));
    }
    tooMany.put(WorkerUsage.THREADS_HEADER, threads);
    Map<String, Object> longName = new HashMap<>(usage.toHeaders());
    longName.put(
        WorkerUsage.THREADS_HEADER,
        Map.of("n".repeat(500), Map.of("compute", 1L, "codec", 1L, "messaging", 1L)));

    Map<String, Object> jitText = new HashMap<>(usage.toHeaders());
    jitText.put(WorkerUsage.JIT_HEADER, "soon");
    Map<String, Object> jitNegative = new HashMap<>(usage.toHeaders());
    jitNegative.put(WorkerUsage.JIT_HEADER, -5L);

    for (Map<String, Object> headers :
        List.of(negative, text, tooMany, longName, jitText, jitNegative)) {
      assertThat(WorkerUsage.fromHeaders(headers)).isEmpty();
    }
  }

  @Test
  void busyIsTheSumOfTheThreeParts() {
    assertThat(usage.threads().get(1).busyNanos()).isEqualTo(1_000);
  }
}
