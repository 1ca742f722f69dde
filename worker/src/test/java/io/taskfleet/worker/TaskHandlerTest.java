package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.kinds.CpuParams;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskHandlerTest {

  private final Codec json = Codecs.byName("json");
  private final TaskHandler handler = new TaskHandler("host-a", 42, 1_000_000, 64 * 1024);

  @Test
  void validTaskIsComputedTimedAndAnsweredOk() {
    byte[] body = json.encodeTask(new Task("r1", 3, "cpu", new CpuParams(1000), 0));

    Outcome outcome = handler.handle(body, "application/json", true);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.COMPLETED);
    assertThat(outcome.deadLetterReason()).isNull();
    TaskResult result = json.decodeResult(outcome.reply());
    assertThat(result.status()).isEqualTo(TaskStatus.OK);
    assertThat(result.value()).isEqualTo(1000L * 999 / 2);
    assertThat(result.taskId()).isEqualTo(3);
    assertThat(result.worker().host()).isEqualTo("host-a");
    assertThat(result.worker().pid()).isEqualTo(42);
    assertThat(result.worker().thread()).isEqualTo(Thread.currentThread().getName());
    assertThat(result.redelivered()).isTrue();
    assertThat(result.timings().computeNanos()).isPositive();
    assertThat(result.timings().decodeNanos()).isPositive();
    assertThat(result.timings().encodeNanos()).isPositive();
  }

  @Test
  void bodyThatIsNotJsonIsDeadLetteredWithoutAReply() {
    Outcome outcome = handler.handle("not json".getBytes(StandardCharsets.UTF_8), null, false);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason()).startsWith("not json");
    assertThat(outcome.reply()).isNull();
  }

  @Test
  void invalidTaskWithReadableIdsIsDeadLetteredAndAnsweredFailed() {
    byte[] body =
        "{\"runId\":\"r1\",\"taskId\":9,\"kind\":\"cpu\",\"params\":{\"iterations\":-1},\"createdAtEpochMs\":0}"
            .getBytes(StandardCharsets.UTF_8);

    Outcome outcome = handler.handle(body, "application/json", false);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason()).contains("params.iterations must be >= 0");
    TaskResult failed = json.decodeResult(outcome.reply());
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.taskId()).isEqualTo(9);
    assertThat(failed.error()).startsWith("rejected: ").contains("iterations");
  }

  @Test
  void taskAboveTheIterationLimitIsDeadLettered() {
    byte[] body = json.encodeTask(new Task("r1", 1, "cpu", new CpuParams(2_000_000), 0));

    Outcome outcome = handler.handle(body, "application/json", false);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason()).contains("exceeds this worker's limit of 1000000");
  }

  @Test
  void unknownContentTypeIsDeadLettered() {
    Outcome outcome = handler.handle(new byte[] {1, 2}, "application/x-pickle", false);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason())
        .contains("unsupported content type 'application/x-pickle'");
  }

  @Test
  void answerIsEncodedOnceCarryingTheGivenEncodeEstimate() {
    TaskResult one = handler.compute(new Task("r1", 1, "cpu", new CpuParams(10), 0), 5, false);
    TaskResult two = handler.compute(new Task("r1", 2, "cpu", new CpuParams(10), 0), 5, false);

    byte[] single = TaskHandler.encodeAnswer(json, java.util.List.of(one), false, 777);
    byte[] batch = TaskHandler.encodeAnswer(json, java.util.List.of(one, two), true, 333);

    TaskResult decoded = json.decodeResult(single);
    assertThat(decoded.timings().encodeNanos()).isEqualTo(777);
    assertThat(decoded.timings().decodeNanos()).isEqualTo(5);
    assertThat(decoded.timings().startedAtEpochMicros()).isPositive();
    assertThat(json.decodeResults(batch))
        .extracting(r -> r.timings().encodeNanos())
        .containsExactly(333L, 333L);
  }
}
