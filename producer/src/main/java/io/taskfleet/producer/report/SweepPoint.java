package io.taskfleet.producer.report;

import java.util.List;

/**
 * The modes at one task size. JSON: an element of the {@code sweep} array; chart {@code
 * rows[].elapsedSeconds} (or {@code tasksPerSecond}) against {@code iterations}.
 *
 * @param iterations the cpu task size
 * @param rows one comparison row per mode at that size
 */
public record SweepPoint(long iterations, List<Comparison> rows) {

  /** The elapsed time of a mode at this size; 0 if it did not run. */
  public double elapsed(String mode) {
    return rows.stream()
        .filter(r -> r.mode().equals(mode))
        .mapToDouble(Comparison::elapsedSeconds)
        .findFirst()
        .orElse(0);
  }
}
