package io.taskfleet.producer.report;

import static io.taskfleet.producer.report.SvgCharts.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.common.FleetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, nothing
 * fetched, so it opens offline. It reads the report as its JSON tree, so a section whose data is
 * absent is simply left out, and every text from the report is escaped.
 */
public final class HtmlReport {

  /** Decomposition segments that overlap others and are not part of the stacked sum. */
  private static final Set<String> OVERLAPPING = Set.of("publishToConfirm", "roundTrip");

  /** Segments that are serialization, for the per-codec table. */
  private static final List<String> CODEC_SEGMENTS =
      List.of("producerEncode", "workerDecode", "workerEncode", "producerDecode");

  private static final String CSS =
      "body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#111827}"
          + "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb}"
          + "table{border-collapse:collapse;font-size:13px;margin:8px 0}"
          + "th,td{border:1px solid #e5e7eb;padding:3px 8px;text-align:right}"
          + "th:first-child,td:first-child,td.t{text-align:left}th{background:#f3f4f6}"
          + ".bad{color:#b91c1c;font-weight:bold}.ok{color:#15803d}.note{color:#4b5563;font-size:13px}"
          + "svg{display:block;margin:8px 0}";

  private final JsonNode report;

  public HtmlReport(ReportFile file) {
    this(new ObjectMapper().valueToTree(file));
  }

  /** From the JSON tree of a report, as written by {@code --json}. */
  public HtmlReport(JsonNode report) {
    this.report = report;
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FleetException(
          "cannot write the HTML report to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The whole page. */
  public String render() {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<meta name=\"viewport\" content=\"width=device-width\"/>")
        .append("<title>taskfleet report</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    html.append("<h1>taskfleet report</h1>\n");
    environment(html);
    List<JsonNode> runs = new ArrayList<>(list(report.get("runs")));
    runs.addAll(list(report.get("cold")));
    runsTable(html, runs);
    elapsedChart(html, runs);
    costs(html, runs);
    timelines(html, runs);
    workersCharts(html, runs);
    decompositions(html, runs);
    codecTable(html, runs);
    sweep(html);
    failures(html, runs);
    html.append("</body></html>\n");
    return html.toString();
  }

  private void environment(StringBuilder html) {
    JsonNode env = report.path("environment");
    html.append("<p class=\"note\">Written ")
        .append(escape(report.path("createdAt").asText("")))
        .append(" on ")
        .append(escape(env.path("host").asText("?")))
        .append(", ")
        .append(env.path("cpus").asInt())
        .append(" CPUs, ")
        .append(escape(env.path("java").asText("")))
        .append(", ")
        .append(escape(env.path("os").asText("")))
        .append(".</p>\n");
  }

  private static void runsTable(StringBuilder html, List<JsonNode> runs) {
    if (runs.isEmpty()) {
      html.append("<p>No runs.</p>\n");
      return;
    }
    html.append(
            "<h2 id=\"runs\">Runs</h2>\n<table><tr><th>mode</th><th>workload</th><th>codec</th>")
        .append("<th>tasks</th><th>completed</th><th>failed</th><th>elapsed s</th><th>tasks/s</th>")
        .append("<th>workers</th><th>task bytes</th><th>result bytes</th><th>values</th></tr>\n");
    for (JsonNode r : runs) {
      boolean correct = r.path("valuesCorrect").asBoolean(false);
      html.append("<tr><td>")
          .append(escape(label(r)))
          .append("</td><td class=\"t\">")
          .append(escape(r.path("workload").asText(r.path("kind").asText(""))))
          .append("</td><td class=\"t\">")
          .append(escape(r.path("codec").asText("")))
          .append("</td>")
          .append(cell(r, "tasks"))
          .append(cell(r, "completed"))
          .append(cell(r, "failed"))
          .append(cell(r, "elapsedSeconds"))
          .append(cell(r, "tasksPerSecond"))
          .append(cell(r, "distinctWorkers"))
          .append(cell(r, "taskBytes"))
          .append(cell(r, "resultBytes"))
          .append("<td class=\"")
          .append(correct ? "ok" : "bad")
          .append("\">")
          .append(correct ? "correct" : "WRONG or missing")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void elapsedChart(StringBuilder html, List<JsonNode> runs) {
    List<SvgCharts.Bar> bars = new ArrayList<>();
    for (JsonNode r : runs) {
      if (r.hasNonNull("elapsedSeconds")) {
        bars.add(
            new SvgCharts.Bar(
                label(r)
                    + " · "
                    + r.path("workload").asText(r.path("kind").asText(""))
                    + " · "
                    + r.path("codec").asText(""),
                r.get("elapsedSeconds").asDouble(),
                SvgCharts.modeColor(r.path("mode").asText())));
      }
    }
    if (bars.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"elapsed\">Elapsed per mode</h2>\n")
        .append(
            "<p class=\"note\">End to end, first task out to last result in; shorter is better.</p>\n")
        .append(SvgCharts.bars("Elapsed per mode", bars, "s"))
        .append('\n');
  }

  /** Per run: CPU per task of each process, and how each thread that ran tasks spent its time. */
  private static void costs(StringBuilder html, List<JsonNode> runs) {
    StringBuilder section = new StringBuilder();
    for (JsonNode r : runs) {
      JsonNode cost = r.get("cost");
      if (cost == null) {
        continue;
      }
      section
          .append("<h3>")
          .append(escape(label(r) + " run " + r.path("runId").asText("")))
          .append("</h3>\n<table><tr><th>process</th><th>role</th><th>CPU s</th>")
          .append("<th>tasks</th><th>CPU ms per task</th></tr>\n");
      for (JsonNode p : list(cost.get("processes"))) {
        section
            .append("<tr><td class=\"t\">")
            .append(escape(p.path("process").asText("")))
            .append("</td><td class=\"t\">")
            .append(escape(p.path("role").asText("")))
            .append("</td>")
            .append(cell(p, "cpuSeconds"))
            .append(cell(p, "tasks"))
            .append(cell(p, "cpuMsPerTask"))
            .append("</tr>\n");
      }
      section.append("</table>\n");
      List<JsonNode> threads = list(cost.get("threads"));
      if (!threads.isEmpty()) {
        section.append(
            "<table><tr><th>thread</th><th>process</th><th>watched s</th><th>computing</th>"
                + "<th>codec</th><th>messaging</th><th>idle</th></tr>\n");
        for (JsonNode t : threads) {
          section
              .append("<tr><td class=\"t\">")
              .append(escape(t.path("thread").asText("")))
              .append("</td><td class=\"t\">")
              .append(escape(t.path("process").asText("")))
              .append("</td>")
              .append(cell(t, "seconds"));
          for (String share : List.of("computing", "codec", "messaging", "idle")) {
            section.append("<td>").append(percent(t.path(share).asDouble())).append("</td>");
          }
          section.append("</tr>\n");
        }
        section.append("</table>\n");
      }
    }
    if (section.length() > 0) {
      html.append("<h2 id=\"cost\">What each way costs</h2>\n")
          .append(
              "<p class=\"note\">CPU time of each process over the run, per task (user and"
                  + " system; the broker's when it runs on this machine), and the wall time of each"
                  + " thread that ran tasks, split into computing, (de)serializing, messaging and"
                  + " idle. A worker is watched from its first result message of the run to its"
                  + " last.</p>\n")
          .append(section);
    }
  }

  /** Per run: when each thread that ran tasks was busy. */
  private static void timelines(StringBuilder html, List<JsonNode> runs) {
    StringBuilder section = new StringBuilder();
    for (JsonNode r : runs) {
      JsonNode timeline = r.get("timeline");
      List<JsonNode> lanes = timeline == null ? List.of() : list(timeline.get("lanes"));
      if (lanes.isEmpty()) {
        continue;
      }
      List<SvgCharts.Lane> rows = new ArrayList<>();
      for (JsonNode lane : lanes) {
        List<double[]> busy = new ArrayList<>();
        for (JsonNode span : list(lane.get("busy"))) {
          busy.add(new double[] {span.path(0).asDouble(), span.path(1).asDouble()});
        }
        rows.add(
            new SvgCharts.Lane(
                lane.path("thread").asText("") + " · " + lane.path("process").asText(""), busy));
      }
      section
          .append("<h3>")
          .append(escape(label(r) + " run " + r.path("runId").asText("")))
          .append("</h3>\n")
          .append(
              SvgCharts.timeline(
                  "Busy threads over the run",
                  rows,
                  timeline.path("millis").asDouble(),
                  "ms",
                  SvgCharts.modeColor(r.path("mode").asText())))
          .append('\n');
    }
    if (section.length() > 0) {
      html.append("<h2 id=\"timeline\">Timeline</h2>\n")
          .append(
              "<p class=\"note\">One row per thread that ran tasks; filled where it was computing,"
                  + " from the first task out to the last result in. Gaps are idle: waiting for"
                  + " work, for the broker, or descheduled.</p>\n")
          .append(section);
    }
  }

  private static void workersCharts(StringBuilder html, List<JsonNode> runs) {
    boolean anyFleet = runs.stream().anyMatch(r -> r.path("mode").asText().startsWith("fleet"));
    StringBuilder section = new StringBuilder();
    for (JsonNode r : runs) {
      if (anyFleet && !r.path("mode").asText().startsWith("fleet")) {
        continue;
      }
      List<SvgCharts.Bar> bars = new ArrayList<>();
      int i = 0;
      for (JsonNode w : list(r.get("workers"))) {
        bars.add(
            new SvgCharts.Bar(
                w.path("host").asText("?") + " pid " + w.path("pid").asLong(),
                w.path("tasks").asDouble(),
                SvgCharts.color(i++)));
      }
      if (!bars.isEmpty()) {
        section
            .append("<h3>")
            .append(escape(label(r) + " run " + r.path("runId").asText("")))
            .append("</h3>\n")
            .append(SvgCharts.bars("Tasks per worker", bars, "tasks"))
            .append('\n');
      }
    }
    if (section.length() > 0) {
      html.append("<h2 id=\"workers\">Tasks per worker</h2>\n").append(section);
    }
  }

  private static void decompositions(StringBuilder html, List<JsonNode> runs) {
    StringBuilder section = new StringBuilder();
    for (JsonNode r : runs) {
      JsonNode d = r.get("decomposition");
      List<JsonNode> segments = segments(d);
      if (segments.isEmpty()) {
        continue;
      }
      List<SvgCharts.Slice> slices = new ArrayList<>();
      for (JsonNode s : segments) {
        if (!OVERLAPPING.contains(s.path("name").asText())) {
          slices.add(new SvgCharts.Slice(s.path("name").asText("?"), mean(s)));
        }
      }
      section
          .append("<h3>")
          .append(
              escape(
                  label(r)
                      + " · "
                      + r.path("codec").asText("")
                      + " · run "
                      + r.path("runId").asText("")))
          .append("</h3>\n")
          .append(SvgCharts.stacked("Mean time per task by segment", slices, "ms"))
          .append('\n')
          .append(
              "<table><tr><th>segment</th><th>mean ms</th><th>p50 ms</th><th>p99 ms</th><th>what</th></tr>\n");
      for (JsonNode s : segments) {
        section
            .append("<tr><td>")
            .append(escape(s.path("name").asText("?")))
            .append("</td><td>")
            .append(number(mean(s)))
            .append("</td><td>")
            .append(number(first(s, "p50Ms", "p50")))
            .append("</td><td>")
            .append(number(first(s, "p99Ms", "p99")))
            .append("</td><td class=\"t\">")
            .append(escape(s.path("description").asText("")))
            .append("</td></tr>\n");
      }
      section.append("</table>\n");
      if (d.has("computeShare")) {
        section
            .append("<p class=\"note\">End to end ")
            .append(number(d.path("endToEndMsMean").asDouble()))
            .append(" ms mean: compute ")
            .append(percent(d.path("computeShare").asDouble()))
            .append(", serialization ")
            .append(percent(d.path("serializationShare").asDouble()))
            .append(", messaging and queueing ")
            .append(percent(d.path("messagingShare").asDouble()))
            .append(". Each side times itself on its own clock.</p>\n");
      }
    }
    if (section.length() > 0) {
      html.append("<h2 id=\"decomposition\">Where a fleet task's time goes</h2>\n").append(section);
    }
  }

  /** Serialization cost per codec, side by side, from the fleet runs that measured it. */
  private static void codecTable(StringBuilder html, List<JsonNode> runs) {
    Map<String, double[]> byCodec = new LinkedHashMap<>();
    for (JsonNode r : runs) {
      if (!r.hasNonNull("taskBytes") && segments(r.get("decomposition")).isEmpty()) {
        continue;
      }
      String key =
          r.path("codec").asText("?")
              + " · "
              + r.path("workload").asText(r.path("kind").asText(""));
      double[] sums = byCodec.computeIfAbsent(key, k -> new double[4]);
      double codecMs = 0;
      for (JsonNode s : segments(r.get("decomposition"))) {
        if (CODEC_SEGMENTS.contains(s.path("name").asText())) {
          codecMs += mean(s);
        }
      }
      sums[0] += r.path("taskBytes").asDouble(0);
      sums[1] += r.path("resultBytes").asDouble(0);
      sums[2] += codecMs;
      sums[3]++;
    }
    if (byCodec.isEmpty()) {
      return;
    }
    html.append("<h2 id=\"codecs\">Serialization per codec</h2>\n")
        .append("<table><tr><th>codec · workload</th><th>runs</th><th>task body bytes</th>")
        .append("<th>result body bytes</th><th>encode + decode ms per task</th></tr>\n");
    for (Map.Entry<String, double[]> e : byCodec.entrySet()) {
      double[] s = e.getValue();
      html.append("<tr><td>")
          .append(escape(e.getKey()))
          .append("</td><td>")
          .append((long) s[3])
          .append("</td><td>")
          .append(number(s[0] / s[3]))
          .append("</td><td>")
          .append(number(s[1] / s[3]))
          .append("</td><td>")
          .append(number(s[2] / s[3]))
          .append("</td></tr>\n");
    }
    html.append(
        "</table>\n<p class=\"note\">Encode + decode: producer encode, worker decode, worker"
            + " encode and producer decode, means added up.</p>\n");
  }

  private void sweep(StringBuilder html) {
    Map<String, List<double[]>> byMode = new LinkedHashMap<>();
    for (JsonNode point : list(report.get("sweep"))) {
      double x = first(point, "iterations", "size");
      for (JsonNode row : list(point.get("rows"))) {
        double y = first(row, "elapsedSeconds", "seconds");
        byMode
            .computeIfAbsent(row.path("mode").asText("?"), m -> new ArrayList<>())
            .add(new double[] {x, y});
      }
      for (String mode : List.of("origin", "threads", "fleet")) {
        if (point.get(mode) != null && point.get(mode).isNumber()) {
          byMode
              .computeIfAbsent(mode, m -> new ArrayList<>())
              .add(new double[] {x, point.get(mode).asDouble()});
        }
      }
    }
    if (byMode.isEmpty()) {
      return;
    }
    List<SvgCharts.Series> series = new ArrayList<>();
    byMode.forEach(
        (mode, points) ->
            series.add(new SvgCharts.Series(mode, points, SvgCharts.modeColor(mode))));
    html.append("<h2 id=\"sweep\">Granularity sweep</h2>\n")
        .append(
            "<p class=\"note\">Elapsed time per mode by task size, both axes logarithmic.</p>\n")
        .append(
            SvgCharts.logLog("Elapsed by task size", series, "iterations per task", "elapsed s"))
        .append('\n');
    for (JsonNode b : list(report.get("breakEven"))) {
      html.append("<p>").append(escape(breakEven(b))).append("</p>\n");
    }
  }

  private static String breakEven(JsonNode b) {
    String against = b.path("against").asText("?");
    String fleet = BreakEven.subject(b.path("fleet").asText("fleet"));
    JsonNode losing = b.get("lastLosingIterations");
    JsonNode winning = b.get("firstWinningIterations");
    if (winning == null || winning.isNull()) {
      return fleet + " never catches up with " + against + " within the sweep.";
    }
    if (losing == null || losing.isNull()) {
      return fleet + " is at least as fast as " + against + " at every size swept.";
    }
    return fleet
        + " breaks even with "
        + against
        + " between "
        + number(losing.asDouble())
        + " and "
        + number(winning.asDouble())
        + " iterations per task"
        + (b.hasNonNull("estimatedIterations")
            ? " (about " + number(b.get("estimatedIterations").asDouble()) + ")."
            : ".");
  }

  private static void failures(StringBuilder html, List<JsonNode> runs) {
    StringBuilder items = new StringBuilder();
    for (JsonNode r : runs) {
      JsonNode reasons = r.get("failureReasons");
      if (reasons != null) {
        reasons
            .properties()
            .forEach(
                e ->
                    items
                        .append("<li>")
                        .append(escape(label(r)))
                        .append(": ")
                        .append(e.getValue().asInt())
                        .append(" × ")
                        .append(escape(e.getKey()))
                        .append("</li>\n"));
      }
      if (r.path("missing").asInt(0) > 0) {
        items
            .append("<li>")
            .append(escape(label(r)))
            .append(": ")
            .append(r.get("missing").asInt())
            .append(" task(s) without a result</li>\n");
      }
    }
    if (items.length() > 0) {
      html.append("<h2 id=\"failures\">Failures</h2>\n<ul class=\"bad\">\n")
          .append(items)
          .append("</ul>\n");
    }
  }

  /** Segments as an array of objects, or as an object of name → figures. */
  private static List<JsonNode> segments(JsonNode decomposition) {
    if (decomposition == null || decomposition.isNull()) {
      return List.of();
    }
    JsonNode segments =
        decomposition.has("segments") ? decomposition.get("segments") : decomposition;
    if (segments.isArray()) {
      return list(segments);
    }
    List<JsonNode> out = new ArrayList<>();
    segments
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isObject()) {
                out.add(
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e.getValue().deepCopy())
                        .put("name", e.getKey()));
              }
            });
    return out;
  }

  private static double mean(JsonNode segment) {
    return first(segment, "meanMs", "mean");
  }

  private static double first(JsonNode node, String... names) {
    for (String name : names) {
      if (node.hasNonNull(name) && node.get(name).isNumber()) {
        return node.get(name).asDouble();
      }
    }
    return 0;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(out::add);
    }
    return out;
  }

  private static String label(JsonNode run) {
    return run.path("mode").asText("?") + (run.path("cold").asBoolean(false) ? " (cold)" : "");
  }

  private static String cell(JsonNode run, String field) {
    JsonNode v = run.get(field);
    return "<td>"
        + (v == null || v.isNull() ? "" : v.isNumber() ? number(v.asDouble()) : escape(v.asText()))
        + "</td>";
  }

  private static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Text made safe for HTML and SVG, in element content and in quoted attributes. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
