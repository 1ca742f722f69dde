package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecompositionTest {

  private static List<Decomposition.SegmentMs> segments(Map<Decomposition.Segment, Double> means) {
    List<Decomposition.SegmentMs> list = new ArrayList<>();
    for (Decomposition.Segment s : Decomposition.Segment.values()) {
      double mean = means.getOrDefault(s, 0.0);
      list.add(new Decomposition.SegmentMs(s.wireName(), s.description(), 10, mean, mean, mean));
    }
    return list;
  }

  @Test
  void sharesSplitEndToEndIntoComputeSerializationAndMessaging() {
    Map<Decomposition.Segment, Double> means =
        Map.of(
            Decomposition.Segment.PRODUCER_ENCODE, 0.5,
            Decomposition.Segment.ROUND_TRIP, 9.0,
            Decomposition.Segment.PRODUCER_DECODE, 0.5,
            Decomposition.Segment.WORKER_DECODE, 0.5,
            Decomposition.Segment.WORKER_ENCODE, 0.5,
            Decomposition.Segment.COMPUTE, 6.0,
            Decomposition.Segment.PUBLISH_TO_CONFIRM, 50.0);

    Decomposition d = Decomposition.of(segments(means));

    assertThat(d.endToEndMsMean()).isEqualTo(10.0);
    assertThat(d.computeShare()).isEqualTo(0.6);
    assertThat(d.serializationShare()).isEqualTo(0.2);
    assertThat(d.messagingShare()).isEqualTo(0.2);
    assertThat(d.segments())
        .extracting(Decomposition.SegmentMs::name)
        .containsExactly(
            "producerEncode",
            "publishToConfirm",
            "queueAndTransit",
            "workerDecode",
            "compute",
            "workerEncode",
            "producerDecode",
            "roundTrip");
  }

  @Test
  void nothingMeasuredGivesZeroSharesNotNaN() {
    Decomposition d = Decomposition.of(segments(Map.of()));

    assertThat(d.endToEndMsMean()).isZero();
    assertThat(d.computeShare()).isZero();
    assertThat(d.serializationShare()).isZero();
    assertThat(d.messagingShare()).isZero();
  }

  @Test
  void percentHasOneDecimal() {
    assertThat(Decomposition.percent(0.1234)).isEqualTo("12.3%");
  }
}
