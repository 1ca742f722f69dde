package io.taskfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.kinds.CpuKind;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kind that is not built in, through the worker's decode/check/compute/encode step. */
class TaskHandlerPluginTest {

  /** Params of the test kind. */
  public record BoomParams(String message, long size) {}

  /** Throws what it is told to; refuses a size over its limit {@code max-size}. */
  public static final class BoomKind implements TaskKind<BoomParams> {
    @Override
    public String name() {
      return "boom";
    }

    @Override
    public Class<BoomParams> paramsType() {
      return BoomParams.class;
    }

    @Override
    public void validate(BoomParams params, Limits limits) {
      if ("validate".equals(params.message())) {
        throw new NullPointerException("oops");
      }
      limits.check("params.size", params.size(), "max-size", 10);
    }

    @Override
    public TaskValue compute(BoomParams params, TaskContext context) {
      if (params.message() == null) {
        return TaskValue.of(params.size());
      }
      throw new IllegalStateException(params.message());
    }
  }

  private static final KindRegistry KINDS = KindRegistry.of(List.of(new CpuKind(), new BoomKind()));

  private final Codec json = Codecs.byName("json", 1 << 20, KINDS);

  private TaskHandler handler(Map<String, Long> extra) {
    return new TaskHandler(
        "host-a",
        42,
        new TaskLimits(1_000, 1_000, 1_000, Duration.ofSeconds(1), 1_000, extra, KINDS),
        1 << 20);
  }

  private Outcome handle(TaskHandler handler, Task task) {
    return handler.handle(json.encodeTask(task), json.contentType(), false);
  }

  @Test
  void aPluginKindIsComputedWithinTheLimitItReads() {
    Outcome ok =
        handle(
            handler(Map.of("max-size", 50L)),
            new Task("r", 1, "boom", new BoomParams(null, 42), 0));
    Outcome over = handle(handler(Map.of()), new Task("r", 2, "boom", new BoomParams(null, 42), 0));

    assertThat(ok.kind()).isEqualTo(Outcome.Kind.COMPLETED);
    assertThat(json.decodeResult(ok.reply()).value()).isEqualTo(42);
    assertThat(over.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(over.deadLetterReason())
        .isEqualTo("params.size 42 exceeds this worker's limit of 10 (--max-size)");
  }

  @Test
  void aPluginThatThrowsGivesAFailedResultWithABoundedReason() {
    Outcome failed =
        handle(
            handler(Map.of()), new Task("r", 3, "boom", new BoomParams("x".repeat(5_000), 1), 0));

    assertThat(failed.kind()).isEqualTo(Outcome.Kind.FAILED);
    TaskResult result = json.decodeResult(failed.reply());
    assertThat(result.error())
        .startsWith("computation failed: java.lang.IllegalStateException: xxx")
        .hasSizeLessThan(TaskHandler.MAX_REASON_CHARS + 30)
        .endsWith("more chars)");
  }

  @Test
  void aPluginWhoseCheckThrowsDeadLettersTheTaskWithTheReason() {
    Outcome outcome =
        handle(handler(Map.of()), new Task("r", 5, "boom", new BoomParams("validate", 1), 0));

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason())
        .isEqualTo(
            "not a valid task: kind 'boom' could not check its params:"
                + " java.lang.NullPointerException: oops");
  }

  @Test
  void aKindThisWorkerDoesNotServeIsDeadLetteredNamingTheKindsItServes() {
    byte[] body =
        "{\"runId\":\"r\",\"taskId\":4,\"kind\":\"sha256\",\"params\":{\"rounds\":1},\"createdAtEpochMs\":0}"
            .getBytes(StandardCharsets.UTF_8);

    Outcome outcome = handler(Map.of()).handle(body, "application/json", false);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(outcome.deadLetterReason())
        .isEqualTo("not a valid task: unknown task kind 'sha256' (this worker serves cpu, boom)");
    assertThat(json.decodeResult(outcome.reply()).error()).startsWith("rejected: not a valid task");
  }
}
