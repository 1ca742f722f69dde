package io.taskfleet.producer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how many results are in: a bar on a terminal, a line per 10% otherwise, from the moment a
 * run has lasted {@link #DELAY}. A quicker run shows nothing: {@code --mode all} runs dozens of
 * rounds of well under a second, each already reported in one line, and their bars or lines would
 * only fill the screen (tqdm's {@code delay} does the same).
 */
interface Progress extends AutoCloseable {

  /** How long a run goes before its progress shows. */
  Duration DELAY = Duration.ofSeconds(1);

  void update(int done);

  @Override
  default void close() {}

  static Progress create(
      ProducerConfig.ProgressStyle style, String name, int total, PrintStream err) {
    return create(style, name, total, err, System::nanoTime);
  }

  /**
   * @param clock nanoseconds, as {@link System#nanoTime()}; the run starts now
   */
  static Progress create(
      ProducerConfig.ProgressStyle style,
      String name,
      int total,
      PrintStream err,
      LongSupplier clock) {
    long start = clock.getAsLong();
    boolean bar =
        style == ProducerConfig.ProgressStyle.BAR
            || (style == ProducerConfig.ProgressStyle.AUTO && System.console() != null);
    if (style == ProducerConfig.ProgressStyle.NONE) {
      return done -> {};
    }
    Supplier<Progress> shown =
        bar
            ? () -> new Bar(name, total, Duration.ofNanos(clock.getAsLong() - start))
            : () -> new Lines(name, total, err, clock, start);
    return new Delayed(shown, clock, start + DELAY.toNanos());
  }

  /** Nothing until {@code showAt}, then what {@code shown} makes. */
  final class Delayed implements Progress {
    private final Supplier<Progress> shown;
    private final LongSupplier clock;
    private final long showAt;
    private Progress inner;

    Delayed(Supplier<Progress> shown, LongSupplier clock, long showAt) {
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
        inner = shown.get();
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
   * Plain lines for logs and pipes: one each time another tenth of the tasks is done, for the
   * latest tenth only when results come faster than one line per tenth.
   */
  final class Lines implements Progress {
    private final String name;
    private final int total;
    private final PrintStream err;
    private final LongSupplier clock;
    private final long start;
    private int nextTenth = 1;

    Lines(String name, int total, PrintStream err, LongSupplier clock, long start) {
      this.name = name;
      this.total = total;
      this.err = err;
      this.clock = clock;
      this.start = start;
    }

    @Override
    public synchronized void update(int done) {
      int tenth = total == 0 ? 10 : (int) Math.min(10, 10L * done / total);
      if (tenth < nextTenth) {
        return;
      }
      err.printf(
          "%s: %d/%d tasks (%d%%) after %.2f s%n",
          name, done, total, tenth * 10, (clock.getAsLong() - start) / 1e9);
      nextTenth = tenth + 1;
    }
  }
}
