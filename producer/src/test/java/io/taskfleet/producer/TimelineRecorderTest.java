package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.common.time.EpochClock;
import io.taskfleet.producer.report.Timeline;
import org.junit.jupiter.api.Test;

class TimelineRecorderTest {

  private final TimelineRecorder recorder = new TimelineRecorder();
  private final long start = new EpochClock().nowMicros();

  {
    recorder.started();
  }

  private static TaskResult ran(String thread, long startedAtMicros, long computeMicros) {
    return new TaskResult(
        "r",
        0,
        TaskStatus.OK,
        1,
        null,
        new WorkerIdentity("h", 7, thread),
        new WorkerTimings(0, computeMicros * 1_000, 0, startedAtMicros),
        false);
  }

  @Test
  void backToBackTasksMergeAndGapsStay() {
    long t0 = start + 10_000;
    recorder.result(ran("a", t0, 1_000));
    recorder.result(ran("a", t0 + 1_000, 1_000)); // touches the first
    recorder.result(ran("a", t0 + 5_000, 1_000)); // 3 ms later: a gap
    recorder.result(ran("b", t0, 500));

    Timeline timeline = recorder.timeline(20);

    assertThat(timeline.lanes()).extracting(Timeline.Lane::thread).containsExactly("a", "b");
    Timeline.Lane a = timeline.lanes().get(0);
    assertThat(a.process()).isEqualTo("h:7");
    assertThat(a.busy()).hasSize(2);
    assertThat(a.busyMillis()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.2));
    assertThat(a.busy().get(0)[0]).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void resultsOutOfOrderMergeTheSame() {
    long t0 = start + 1_000;
    recorder.result(ran("a", t0 + 2_000, 1_000));
    recorder.result(ran("a", t0, 1_000));
    recorder.result(ran("a", t0 + 1_000, 1_000)); // fills the hole between the two

    assertThat(recorder.timeline(10).lanes().get(0).busy()).hasSize(1);
  }

  @Test
  void resultsWithoutAStartTimeAreLeftOut() {
    recorder.result(ran("a", 0, 1_000));

    assertThat(recorder.timeline(10).lanes()).isEmpty();
  }

  @Test
  void aMillionSpansStayBounded() {
    for (int i = 0; i < 100_000; i++) {
      recorder.result(ran("a", start + i * 1_000L, 100)); // 100 µs busy every ms
    }

    Timeline.Lane lane = recorder.timeline(100_000).lanes().get(0);
    assertThat(lane.busy()).hasSizeLessThanOrEqualTo(TimelineRecorder.MAX_SPANS);
    // Coarsening only fills gaps, never loses busy time.
    assertThat(lane.busyMillis()).isGreaterThanOrEqualTo(100_000 * 0.1 - 1);
  }

  @Test
  void lanesAreBounded() {
    for (int i = 0; i < TimelineRecorder.MAX_LANES + 10; i++) {
      recorder.result(ran("t" + i, start + 1_000, 10));
    }

    assertThat(recorder.timeline(10).lanes()).hasSize(TimelineRecorder.MAX_LANES);
  }
}
