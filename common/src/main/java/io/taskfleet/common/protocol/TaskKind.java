package io.taskfleet.common.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.taskfleet.common.text.Bounded;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a task asks a worker to do; written in lower case on the wire. Each comes from the seed. */
public enum TaskKind {
  /** The seed's loop: the sum of 0..iterations-1. CPU-bound. */
  CPU,
  /** Waits {@code sleepMs}: the I/O-bound case, where threads help even without cores. */
  SLEEP,
  /** The seed's image download: GET a URL, return its byte count and SHA-256. */
  HTTP,
  /** The seed's numpy idea: grayscale, normalise and blur an RGB image carried in the task. */
  IMAGE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static TaskKind fromWire(String name) {
    for (TaskKind kind : values()) {
      if (kind.wireName().equals(name)) {
        return kind;
      }
    }
    throw new InvalidMessageException(
        "unknown task kind '" + Bounded.text(name, 100) + "' (known: " + known() + ")");
  }

  public static String known() {
    return Arrays.stream(values()).map(TaskKind::wireName).collect(Collectors.joining(", "));
  }
}
