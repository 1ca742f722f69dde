package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.producer.report.Decomposition;
import io.taskfleet.producer.report.Decomposition.SegmentMs;
import org.junit.jupiter.api.Test;

class SegmentRecorderTest {

  private static final long MS = 1_000_000;

  private static SegmentMs segment(Decomposition d, String name) {
    return d.segments().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void queueAndTransitIsTheRoundTripMinusWhatTheWorkerMeasured() {
    SegmentRecorder recorder = new SegmentRecorder();
    WorkerIdentity w = new WorkerIdentity("h", 1, "t");
    TaskResult result =
        new TaskResult(
            "r", 0, TaskStatus.OK, 1, null, w, new WorkerTimings(1 * MS, 6 * MS, 1 * MS), false);

    recorder.encoded(MS);
    recorder.confirmed(3 * MS);
    recorder.result(result, 20 * MS, MS);
    Decomposition d = recorder.snapshot();

    assertThat(segment(d, "queueAndTransit").meanMs()).isBetween(11.9, 12.1);
    assertThat(segment(d, "compute").meanMs()).isEqualTo(6.0);
    assertThat(segment(d, "publishToConfirm").p50Ms()).isBetween(2.9, 3.1);
    assertThat(segment(d, "roundTrip").count()).isEqualTo(1);
    assertThat(d.endToEndMsMean()).isEqualTo(22.0);
    assertThat(d.computeShare()).isBetween(0.27, 0.28);
  }

  @Test
  void aWorkerClockAheadOfTheRoundTripNeverGivesANegativeSegment() {
    SegmentRecorder recorder = new SegmentRecorder();
    WorkerIdentity w = new WorkerIdentity("h", 1, "t");
    TaskResult result =
        new TaskResult("r", 0, TaskStatus.OK, 1, null, w, new WorkerTimings(0, 30 * MS, 0), false);

    recorder.result(result, 20 * MS, 0);

    assertThat(segment(recorder.snapshot(), "queueAndTransit").meanMs()).isZero();
  }
}
