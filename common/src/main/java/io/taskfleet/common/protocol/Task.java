package io.taskfleet.common.protocol;

import io.taskfleet.common.text.Bounded;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One unit of work, as published on the task queue.
 *
 * @param runId the producer run it belongs to
 * @param taskId its number within the run, 0-based
 * @param kind what to compute
 * @param params the parameters the kind needs
 * @param createdAtEpochMs when the producer created it, milliseconds since the Unix epoch
 */
public record Task(
    String runId, long taskId, TaskKind kind, TaskParams params, long createdAtEpochMs) {

  public Task {
    if (runId == null || runId.isBlank()) {
      throw new InvalidMessageException("task has no runId");
    }
    if (taskId < 0) {
      throw new InvalidMessageException("taskId must be >= 0, was " + taskId);
    }
    if (kind == null) {
      throw new InvalidMessageException("task has no kind (known: " + TaskKind.known() + ")");
    }
    Objects.requireNonNull(params, "params");
    switch (kind) {
      case CPU -> checkCpu(params);
      case SLEEP -> checkSleep(params);
      case HTTP -> checkHttp(params);
      case IMAGE -> checkImage(params);
    }
  }

  /** The longest sleep the protocol allows; a worker may accept less (--max-sleep-ms). */
  public static final long MAX_SLEEP_MS = 3_600_000L;

  /** The longest URL accepted. */
  public static final int MAX_URL_LENGTH = 2_048;

  /** The widest and tallest image the protocol allows; a worker may accept less. */
  public static final int MAX_IMAGE_SIDE = 16_384;

  private static void checkCpu(TaskParams params) {
    if (params.iterations() == null) {
      throw new InvalidMessageException("cpu task needs params.iterations");
    }
    if (params.iterations() < 0) {
      throw new InvalidMessageException(
          "params.iterations must be >= 0, was " + params.iterations());
    }
  }

  private static void checkSleep(TaskParams params) {
    if (params.sleepMs() == null) {
      throw new InvalidMessageException("sleep task needs params.sleepMs");
    }
    if (params.sleepMs() < 0 || params.sleepMs() > MAX_SLEEP_MS) {
      throw new InvalidMessageException(
          "params.sleepMs must be 0.." + MAX_SLEEP_MS + ", was " + params.sleepMs());
    }
  }

  private static void checkHttp(TaskParams params) {
    String url = params.url();
    if (url == null || url.isBlank()) {
      throw new InvalidMessageException("http task needs params.url");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new InvalidMessageException(
          "params.url is "
              + url.length()
              + " characters long, over the limit of "
              + MAX_URL_LENGTH);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidMessageException(
          "params.url is not a URL: " + Bounded.text(e.getMessage(), 300));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new InvalidMessageException(
          "params.url must be an http(s) URL with a host, was '" + Bounded.text(url, 300) + "'");
    }
  }

  private static void checkImage(TaskParams params) {
    if (params.width() == null || params.height() == null || params.pixels() == null) {
      throw new InvalidMessageException(
          "image task needs params.width, params.height and params.pixels");
    }
    int width = params.width();
    int height = params.height();
    if (width < 1 || width > MAX_IMAGE_SIDE || height < 1 || height > MAX_IMAGE_SIDE) {
      throw new InvalidMessageException(
          "image size must be 1.." + MAX_IMAGE_SIDE + " on each side, was " + width + "x" + height);
    }
    long expected = 3L * width * height;
    if (params.pixels().length != expected) {
      throw new InvalidMessageException(
          "params.pixels must hold width x height x 3 = "
              + expected
              + " bytes (RGB), had "
              + params.pixels().length);
    }
  }

  /**
   * What a correct worker returns, when that is known without running the task: the closed-form sum
   * for {@code cpu}, the requested milliseconds for {@code sleep}. Empty for {@code http}, which
   * depends on the server, and for {@code image}, whose checksum has to be computed.
   */
  public OptionalLong knownValue() {
    return switch (kind) {
      case CPU -> {
        long n = params.iterations();
        yield OptionalLong.of(n * (n - 1) / 2);
      }
      case SLEEP -> OptionalLong.of(params.sleepMs());
      case HTTP, IMAGE -> OptionalLong.empty();
    };
  }

  /** What the worker should return for a cpu or sleep task; see {@link #knownValue()}. */
  public long expectedValue() {
    return knownValue()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the value of a " + kind.wireName() + " task is not known in advance"));
  }
}
