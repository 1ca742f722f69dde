package io.taskfleet.producer.report;

import static io.taskfleet.common.text.Numbers.fixed;
import static io.taskfleet.common.text.Numbers.grouped;

import java.io.PrintStream;
import java.util.List;

/** Prints the modes side by side, and the sweep, for people: the seed's table. */
public final class ComparisonTable {

  private final PrintStream out;

  public ComparisonTable(PrintStream out) {
    this.out = out;
  }

  public void print(List<Comparison> rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.printf("%nModes side by side, %s iterations per task%n", grouped(rows.get(0).iterations()));
    // As wide as the longest mode's name (fleet-chunk-1 in a sweep), so the columns stay aligned.
    int modeWidth = Math.max(8, rows.stream().mapToInt(r -> r.mode().length()).max().orElse(0));
    String format = "  %-" + modeWidth + "s %17s %11s %21s %10s %8s %11s%n";
    out.printf(
        format,
        "mode",
        "workers × threads",
        "elapsed s",
        "(min – max)",
        "tasks/s",
        "speedup",
        "efficiency");
    for (Comparison r : rows) {
      out.printf(
          format,
          r.mode(),
          r.workers() + " × " + r.threadsPerWorker(),
          fixed(r.elapsedSeconds(), 3),
          "(" + fixed(r.minSeconds(), 3) + " – " + fixed(r.maxSeconds(), 3) + ")",
          fixed(r.tasksPerSecond(), 1),
          r.speedup() == 0 ? "-" : fixed(r.speedup(), 2) + "×",
          r.efficiency() == 0 ? "-" : fixed(r.efficiency() * 100, 1) + "%");
    }
    out.flush();
  }

  public void printSweep(List<SweepPoint> points, List<BreakEven> breakEvens) {
    boolean chunk1 = points.stream().anyMatch(p -> p.elapsed(Comparison.FLEET_CHUNK_1) > 0);
    out.printf("%nGranularity sweep: elapsed seconds per mode by task size%n");
    StringBuilder header =
        new StringBuilder(
            String.format(
                "  %14s %10s %10s %10s %13s %14s",
                "iterations", "origin", "threads", "fleet", "fleet/origin", "fleet/threads"));
    if (chunk1) {
      header.append(String.format(" %10s %13s %14s", "chunk 1", "c1/origin", "c1/threads"));
    }
    out.println(header);
    for (SweepPoint p : points) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "  %14s %10s %10s %10s %13s %14s",
                  grouped(p.iterations()),
                  seconds(p.elapsed("origin")),
                  seconds(p.elapsed("threads")),
                  seconds(p.elapsed("fleet")),
                  ratio(p.elapsed("fleet"), p.elapsed("origin")),
                  ratio(p.elapsed("fleet"), p.elapsed("threads"))));
      if (chunk1) {
        double c1 = p.elapsed(Comparison.FLEET_CHUNK_1);
        line.append(
            String.format(
                " %10s %13s %14s",
                seconds(c1), ratio(c1, p.elapsed("origin")), ratio(c1, p.elapsed("threads"))));
      }
      out.println(line);
    }
    for (BreakEven b : breakEvens) {
      out.println("  " + b.sentence());
    }
    out.flush();
  }

  private static String seconds(double s) {
    return s <= 0 ? "-" : fixed(s, 3);
  }

  private static String ratio(double a, double b) {
    return a <= 0 || b <= 0 ? "-" : fixed(a / b, 2) + "×";
  }
}
