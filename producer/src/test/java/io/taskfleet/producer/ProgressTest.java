package io.taskfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private Progress auto() {
    return Progress.create(ProducerConfig.ProgressStyle.AUTO, "r1", 500, err, false, now::get);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void at(double seconds) {
    now.set(5_000_000_000L + (long) (seconds * 1e9));
  }

  @Test
  void autoShowsNothingOfARunShorterThanTheDelay() {
    try (Progress progress = auto()) {
      at(0.3);
      progress.update(250);
      at(0.9);
      progress.update(500);
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void autoShowsALongerRunFromTheTenthReachedAtTheDelayOnEveryTenthAfter() {
    try (Progress progress = auto()) {
      at(0.5);
      progress.update(100);
      at(1.2);
      progress.update(300);
      progress.update(310);
      at(1.5);
      progress.update(350);
      at(2.0);
      progress.update(500);
    }
    assertThat(printed().lines())
        .containsExactly(
            "r1: 300/500 tasks (60%) after 1.20 s",
            "r1: 350/500 tasks (70%) after 1.50 s",
            "r1: 500/500 tasks (80%) after 2.00 s",
            "r1: 500/500 tasks (90%) after 2.00 s",
            "r1: 500/500 tasks (100%) after 2.00 s");
  }

  @Test
  void linesAskedForByNameShowEveryTenthFromTheStart() {
    try (Progress progress =
        Progress.create(ProducerConfig.ProgressStyle.LINES, "r1", 500, err, false, now::get)) {
      at(0.1);
      progress.update(50);
      at(0.2);
      progress.update(120);
    }
    assertThat(printed().lines())
        .containsExactly(
            "r1: 50/500 tasks (10%) after 0.10 s", "r1: 120/500 tasks (20%) after 0.20 s");
  }

  @Test
  void noneShowsNothingHoweverLongTheRun() {
    try (Progress progress =
        Progress.create(ProducerConfig.ProgressStyle.NONE, "r1", 500, err, false, now::get)) {
      at(30);
      progress.update(500);
    }
    assertThat(printed()).isEmpty();
  }
}
