package io.taskfleet.producer;

import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.compute.ImageFilter;
import io.taskfleet.common.compute.RandomImages;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskKind;
import io.taskfleet.common.protocol.TaskParams;
import io.taskfleet.common.text.Numbers;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * What to run, the same for every mode: how many tasks, of which kind, with which parameters. This
 * is the one place where tasks are made and where the value each should return is known.
 *
 * <p>Image tasks carry pixels drawn from their task id ({@link RandomImages}), so every task is a
 * different image, every run makes the same ones, and the producer knows each checksum without
 * keeping the images.
 *
 * @param kind what each task computes
 * @param params the parameters every task carries (for image: the size, pixels filled per task)
 * @param tasks how many tasks
 */
public record Workload(TaskKind kind, TaskParams params, int tasks) {

  /** The workload the configuration asks for, with {@code iterations} as the cpu task size. */
  static Workload of(ProducerConfig config, long iterations) {
    KindOptions k = config.kindOptions();
    TaskParams params =
        switch (k.kind()) {
          case CPU -> TaskParams.cpu(iterations);
          case SLEEP -> TaskParams.sleep(k.sleepMs());
          case HTTP -> TaskParams.http(k.url());
          case IMAGE -> new TaskParams(null, null, null, k.imageWidth(), k.imageHeight(), null);
        };
    return new Workload(k.kind(), params, config.tasks());
  }

  /** Task {@code id} of run {@code runId}. */
  public Task task(String runId, long id, long createdAtEpochMs) {
    return new Task(runId, id, kind, paramsOf(id), createdAtEpochMs);
  }

  private TaskParams paramsOf(long id) {
    if (kind != TaskKind.IMAGE) {
      return params;
    }
    int w = params.width();
    int h = params.height();
    return TaskParams.image(w, h, RandomImages.rgb(id, w, h));
  }

  /**
   * The value task {@code id} must return, by task id; empty when it cannot be known in advance
   * (http: the byte count depends on the server, so results are not checked). Image checksums are
   * computed here, in parallel, so call this before the clock starts.
   */
  public LongFunction<OptionalLong> expectedValues() {
    return switch (kind) {
      case CPU, SLEEP -> {
        OptionalLong value = task("sample", 0, 0).knownValue();
        yield id -> value;
      }
      case HTTP -> id -> OptionalLong.empty();
      case IMAGE -> {
        int w = params.width();
        int h = params.height();
        long[] checksums =
            IntStream.range(0, tasks)
                .parallel()
                .mapToLong(id -> ImageFilter.checksum(w, h, RandomImages.rgb(id, w, h)))
                .toArray();
        yield id ->
            id >= 0 && id < checksums.length
                ? OptionalLong.of(checksums[(int) id])
                : OptionalLong.empty();
      }
    };
  }

  /** The value every correct cpu or sleep result carries. */
  public long expectedValue() {
    return task("sample", 0, 0).expectedValue();
  }

  /** What each task does, for people: {@code image 256x256 RGB}. */
  public String describe() {
    return switch (kind) {
      case CPU -> "cpu, " + Numbers.grouped(params.iterations()) + " iterations";
      case SLEEP -> "sleep, " + params.sleepMs() + " ms";
      case HTTP -> "http GET " + BrokerUrl.redact(params.url());
      case IMAGE -> "image, " + params.width() + "x" + params.height() + " RGB";
    };
  }

  /** The cpu task size, 0 for kinds without one; the x axis of the sweep. */
  public long iterations() {
    return params.iterations() == null ? 0 : params.iterations();
  }
}
