package io.taskfleet.producer;

import io.taskfleet.common.ConfigException;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskKind;
import io.taskfleet.common.protocol.TaskParams;
import java.util.Locale;

/**
 * Which kind of task to run and the parameters of the kinds other than cpu (whose size is {@code
 * iterations}, apart because the sweep varies it). Checked once, at the edge, with the same rules
 * the workers apply to each task.
 *
 * @param kind cpu, sleep, http or image
 * @param sleepMs how long each sleep task waits
 * @param url what each http task downloads; null unless the kind is http
 * @param imageWidth pixels per row of each image task
 * @param imageHeight rows of each image task
 */
public record KindOptions(
    TaskKind kind, long sleepMs, String url, int imageWidth, int imageHeight) {

  public static final long DEFAULT_SLEEP_MS = 10;
  public static final String DEFAULT_IMAGE_SIZE = "256x256";

  /** The seed's workload: cpu tasks. */
  public static final KindOptions CPU =
      new KindOptions(TaskKind.CPU, DEFAULT_SLEEP_MS, null, 256, 256);

  public KindOptions {
    if (kind == null) {
      throw new ConfigException("--kind must be one of " + TaskKind.known());
    }
    if (kind == TaskKind.HTTP && (url == null || url.isBlank())) {
      throw new ConfigException("--kind http needs --url (the file each task downloads)");
    }
    TaskParams sample =
        switch (kind) {
          case CPU -> TaskParams.cpu(0);
          case SLEEP -> TaskParams.sleep(sleepMs);
          case HTTP -> TaskParams.http(url);
          case IMAGE -> new TaskParams(null, null, null, imageWidth, imageHeight, null);
        };
    if (kind == TaskKind.IMAGE) {
      if (imageWidth < 1
          || imageHeight < 1
          || imageWidth > Task.MAX_IMAGE_SIDE
          || imageHeight > Task.MAX_IMAGE_SIDE) {
        throw new ConfigException(
            "--image-size must be 1.."
                + Task.MAX_IMAGE_SIDE
                + " on each side, was "
                + imageWidth
                + "x"
                + imageHeight);
      }
    } else {
      try {
        new Task("check", 0, kind, sample, 0);
      } catch (InvalidMessageException e) {
        throw new ConfigException("--" + option(kind) + ": " + e.getMessage());
      }
    }
  }

  private static String option(TaskKind kind) {
    return kind == TaskKind.HTTP ? "url" : "sleep-ms";
  }

  /** Parses {@code --image-size}: {@code WIDTHxHEIGHT}, e.g. {@code 256x256}. */
  public static int[] parseImageSize(String text) {
    String[] parts = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // fall through to the one message
    }
    throw new ConfigException(
        "--image-size must be WIDTHxHEIGHT, e.g. 256x256; was '" + text + "'");
  }

  /** Parses {@code --kind}, naming the known kinds when it is not one. */
  public static TaskKind parseKind(String text) {
    try {
      return TaskKind.fromWire(text == null ? "" : text.toLowerCase(Locale.ROOT));
    } catch (InvalidMessageException e) {
      throw new ConfigException(
          "--kind must be one of " + TaskKind.known() + ", was '" + text + "'");
    }
  }
}
