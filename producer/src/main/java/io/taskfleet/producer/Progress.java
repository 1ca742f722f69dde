package io.taskfleet.producer;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows how many results are in: a bar on a terminal, a line per 10% otherwise. */
interface Progress extends AutoCloseable {

  void update(int done);

  @Override
  default void close() {}

  static Progress create(
      ProducerConfig.ProgressStyle style, String name, int total, PrintStream err) {
    boolean terminal = System.console() != null;
    return switch (style) {
      case NONE -> done -> {};
      case BAR -> new Bar(name, total);
      case LINES -> new Lines(name, total, err);
      case AUTO -> terminal ? new Bar(name, total) : new Lines(name, total, err);
    };
  }

  /** The tqdm-like bar, drawn on stderr. */
  final class Bar implements Progress {
    private final ProgressBar bar;

    Bar(String name, int total) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(total)
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

  /** Plain lines for logs and pipes: one each time another tenth of the tasks is done. */
  final class Lines implements Progress {
    private final String name;
    private final int total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private int nextTenth = 1;

    Lines(String name, int total, PrintStream err) {
      this.name = name;
      this.total = total;
      this.err = err;
    }

    @Override
    public synchronized void update(int done) {
      while (nextTenth <= 10 && done >= (long) total * nextTenth / 10) {
        err.printf(
            "%s: %d/%d tasks (%d%%) after %.2f s%n",
            name, done, total, nextTenth * 10, (System.nanoTime() - start) / 1e9);
        nextTenth++;
      }
    }
  }
}
