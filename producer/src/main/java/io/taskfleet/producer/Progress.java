package io.taskfleet.producer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how many results are in: a bar on a terminal, a line per 10% otherwise. With {@code auto}
 * it shows from the moment a run has lasted {@link #DELAY}, and a quicker run shows nothing: {@code
 * --mode all} runs dozens of rounds of well under a second, each already reported in one line, and
 * their bars or lines would only fill the screen (tqdm's {@code delay} does the same). Asked for by
 * name, a bar or lines show from the start.
 */
interface Progress extends AutoCloseable {

  /** How long a run goes before {@code auto} shows its progress. */
  Duration DELAY = Duration.ofSeconds(1);

  void update(int done);

  @Override
  default void close() {}

  static Progress create(
      ProducerConfig.ProgressStyle style, String name, int total, PrintStream err) {
    return create(style, name, total, err, System.console() != null, System::nanoTime);
  }

  /**
   * @param terminal whether stderr is a terminal, where {@code auto} draws a bar
   * @param clock nanoseconds, as {@link System#nanoTime()}; the run starts now
   */
  static Progress create(
      ProducerConfig.ProgressStyle style,
      String name,
      int total,
      PrintStream err,
      boolean terminal,
      LongSupplier clock) {
    long start = clock.getAsLong();
    return switch (style) {
      case NONE -> done -> {};
      case BAR -> new Bar(name, total, Duration.ZERO);
      case LINES -> new Lines(name, total, err, clock, start, 0);
      case AUTO ->
          new Delayed(
              done ->
                  terminal
                      ? new Bar(name, total, Duration.ofNanos(clock.getAsLong() - start))
                      : new Lines(name, total, err, clock, start, done),
              clock,
              start + DELAY.toNanos());
    };
  }

  /** Nothing until {@code showAt}, then what {@code shown} makes of the results in by then. */
  final class Delayed implements Progress {
    private final IntFunction<Progress> shown;
    private final LongSupplier clock;
    private final long showAt;
    private Progress inner;

    Delayed(IntFunction<Progress> shown, LongSupplier clock, long showAt) {
      this.shown = shown;
      this.clock = clock;
      this.showAt = showAt;
    }

    @Override
    public synchronized void update(int done) {
      if (inner == null) {
        if (clock.getAsLong() - showAt < 0) {
          return;
        }
        inner = shown.apply(done);
      }
      inner.update(done);
    }

    @Override
    public synchronized void close() {
      if (inner != null) {
        inner.close();
      }
    }
  }

  /** The tqdm-like bar, drawn on stderr. */
  final class Bar implements Progress {
    private final ProgressBar bar;

    /**
     * @param elapsed how long the run has gone already
     */
    Bar(String name, int total, Duration elapsed) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(total)
              .startsFrom(0, elapsed)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(100)
              .showSpeed()
              .setUnit(" tasks", 1)
              .build();
    }

    @Override
    public void update(int done) {
      bar.stepTo(done);
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /**
   * Plain lines for logs and pipes: one each time another tenth of the tasks is done, from the
   * tenth reached when they start to show.
   */
  final class Lines implements Progress {
    private final String name;
    private final int total;
    private final PrintStream err;
    private final LongSupplier clock;
    private final long start;
    private int nextTenth;

    /**
     * @param done results in when the lines start to show: the first line is for their tenth
     */
    Lines(String name, int total, PrintStream err, LongSupplier clock, long start, int done) {
      this.name = name;
      this.total = total;
      this.err = err;
      this.clock = clock;
      this.start = start;
      this.nextTenth = total == 0 ? 1 : (int) Math.max(1, Math.min(10, 10L * done / total));
    }

    @Override
    public synchronized void update(int done) {
      while (nextTenth <= 10 && done >= (long) total * nextTenth / 10) {
        err.printf(
            "%s: %d/%d tasks (%d%%) after %.2f s%n",
            name, done, total, nextTenth * 10, (clock.getAsLong() - start) / 1e9);
        nextTenth++;
      }
    }
  }
}
