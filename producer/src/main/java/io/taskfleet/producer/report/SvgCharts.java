package io.taskfleet.producer.report;

import static io.taskfleet.producer.report.HtmlReport.escape;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts, drawn from plain numbers: no script, no stylesheet outside the page, so a
 * report opens offline and prints as it shows.
 */
final class SvgCharts {

  private static final String[] PALETTE = {
    "#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#4b5563", "#db2777"
  };

  private SvgCharts() {}

  /** One labelled value. */
  record Bar(String label, double value, String color) {}

  /** One series of (x, y) points. */
  record Series(String name, List<double[]> points, String color) {}

  /** One lane of a timeline: a label and busy spans {@code [from, to]} on the time axis. */
  record Lane(String label, List<double[]> busy) {}

  /** One slice of a stacked bar. */
  record Slice(String label, double value) {}

  static String color(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }

  /** The colour of a mode, the same in every chart. */
  static String modeColor(String mode) {
    return switch (mode == null ? "" : mode) {
      case "origin" -> "#6b7280";
      case "threads" -> "#2563eb";
      case "fleet" -> "#16a34a";
      case Comparison.FLEET_CHUNK_1 -> "#86efac";
      default -> "#d97706";
    };
  }

  /** Horizontal bars, one row each, the value printed at the end of the bar. */
  static String bars(String title, List<Bar> bars, String unit) {
    int labelWidth = 260;
    int barArea = 560;
    int row = 26;
    int height = 30 + bars.size() * row + 10;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    StringBuilder svg = open(title, labelWidth + barArea + 110, height);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = 30 + i * row;
      double w = max <= 0 ? 0 : b.value() / max * barArea;
      svg.append(text(labelWidth - 8, y + 15, "end", b.label()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s</title></rect>",
              labelWidth,
              y + 2,
              Math.max(w, 1),
              escape(b.color()),
              escape(b.label() + ": " + number(b.value()) + " " + unit)));
      svg.append(text((int) (labelWidth + w + 6), y + 15, "start", number(b.value()) + " " + unit));
    }
    return svg.append("</svg>").toString();
  }

  /** One horizontal bar split into slices, with a legend below. */
  static String stacked(String title, List<Slice> slices, String unit) {
    int width = 900;
    int barWidth = 840;
    int legendRows = (slices.size() + 2) / 3;
    int height = 80 + legendRows * 22;
    double total = slices.stream().mapToDouble(Slice::value).sum();
    StringBuilder svg = open(title, width, height);
    double x = 30;
    for (int i = 0; i < slices.size(); i++) {
      Slice s = slices.get(i);
      double w = total <= 0 ? 0 : s.value() / total * barWidth;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"30\" width=\"%.1f\" height=\"26\" fill=\"%s\"><title>%s</title></rect>",
              x,
              w,
              color(i),
              escape(s.label() + ": " + number(s.value()) + " " + unit)));
      x += w;
    }
    for (int i = 0; i < slices.size(); i++) {
      Slice s = slices.get(i);
      int lx = 30 + (i % 3) * 290;
      int ly = 76 + (i / 3) * 22;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
              lx,
              ly - 10,
              color(i)));
      String share =
          total <= 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", s.value() / total * 100);
      svg.append(
          text(lx + 18, ly, "start", s.label() + " " + number(s.value()) + " " + unit + share));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Ray-style timeline: one row per lane, busy spans filled, idle left blank, over {@code [0,
   * length]} with a few ticks along the bottom.
   */
  static String timeline(String title, List<Lane> lanes, double length, String unit, String fill) {
    int labelWidth = 300;
    int plotW = 600;
    int row = 18;
    int height = 20 + lanes.size() * row + 30;
    StringBuilder svg = open(title, labelWidth + plotW + 50, height);
    double scale = length <= 0 ? 0 : plotW / length;
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      int y = 20 + i * row;
      svg.append(text(labelWidth - 8, y + 12, "end", lane.label()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#f3f4f6\"/>",
              labelWidth,
              y + 1,
              plotW));
      for (double[] span : lane.busy()) {
        double x = labelWidth + Math.max(0, span[0]) * scale;
        double w = Math.max(0.5, (Math.min(length, span[1]) - Math.max(0, span[0])) * scale);
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
                x,
                y + 1,
                w,
                escape(fill)));
      }
    }
    int axisY = 20 + lanes.size() * row + 14;
    for (int t = 0; t <= 4; t++) {
      double at = length * t / 4;
      svg.append(text(labelWidth + plotW * t / 4, axisY, "middle", number(at) + " " + unit));
    }
    return svg.append("</svg>").toString();
  }

  /** Lines on log-log axes; x = 0 is drawn at the left edge, labelled 0. */
  static String logLog(String title, List<Series> series, String xLabel, String yLabel) {
    int width = 900;
    int height = 420;
    int left = 80;
    int right = 150;
    int top = 30;
    int bottom = 50;
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (p[0] > 0) {
          minX = Math.min(minX, p[0]);
          maxX = Math.max(maxX, p[0]);
        }
        if (p[1] > 0) {
          minY = Math.min(minY, p[1]);
          maxY = Math.max(maxY, p[1]);
        }
      }
    }
    if (maxY <= 0) {
      return "";
    }
    if (maxX <= 0) {
      minX = 1;
      maxX = 10;
    }
    double lx0 = Math.floor(Math.log10(minX)) - 0.5;
    double lx1 = Math.ceil(Math.log10(Math.max(maxX, minX * 10)));
    double ly0 = Math.floor(Math.log10(minY));
    double ly1 = Math.ceil(Math.log10(Math.max(maxY, minY * 10)));
    int plotW = width - left - right;
    int plotH = height - top - bottom;
    StringBuilder svg = open(title, width, height);
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#9ca3af\"/>",
            left,
            top,
            plotW,
            plotH));
    for (int e = (int) Math.ceil(lx0); e <= lx1; e++) {
      double x = left + (e - lx0) / (lx1 - lx0) * plotW;
      svg.append(gridLine(x, top, x, top + plotH));
      svg.append(text((int) x, top + plotH + 16, "middle", "1e" + e));
    }
    svg.append(text(left, top + plotH + 16, "middle", "0"));
    for (int e = (int) ly0; e <= ly1; e++) {
      double y = top + plotH - (e - ly0) / (ly1 - ly0) * plotH;
      svg.append(gridLine(left, y, left + plotW, y));
      svg.append(text(left - 6, (int) y + 4, "end", number(Math.pow(10, e))));
    }
    svg.append(text(left + plotW / 2, height - 8, "middle", xLabel));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>",
            top + plotH / 2,
            top + plotH / 2,
            escape(yLabel)));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      StringBuilder path = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (double[] p : s.points()) {
        if (p[1] <= 0) {
          continue;
        }
        double x = p[0] <= 0 ? left : left + (Math.log10(p[0]) - lx0) / (lx1 - lx0) * plotW;
        double y = top + plotH - (Math.log10(p[1]) - ly0) / (ly1 - ly0) * plotH;
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        dots.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>",
                x,
                y,
                escape(s.color()),
                escape(s.name() + ": " + number(p[0]) + " → " + number(p[1]))));
      }
      svg.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(escape(s.color()))
          .append("\" stroke-width=\"2\"/>")
          .append(dots);
      int ly = top + 14 + i * 20;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>",
              left + plotW + 14,
              ly - 4,
              escape(s.color())));
      svg.append(text(left + plotW + 34, ly + 2, "start", s.name()));
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int width, int height) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">",
                width,
                height,
                width,
                height))
        .append("<title>")
        .append(escape(title))
        .append("</title>");
  }

  private static String gridLine(double x1, double y1, double x2, double y2) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>",
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(int x, int y, String anchor, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>",
        x,
        y,
        anchor,
        escape(content));
  }

  /** A figure with as many decimals as it needs to be read: 0.0123, 1.23, 123, 12,345. */
  static String number(double v) {
    double a = Math.abs(v);
    if (a == 0) {
      return "0";
    }
    if (a >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.1) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
