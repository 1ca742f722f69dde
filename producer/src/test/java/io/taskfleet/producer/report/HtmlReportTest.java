package io.taskfleet.producer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportTest {

  private static RunReport run(
      String mode,
      String codec,
      double elapsed,
      Map<String, Integer> failures,
      Decomposition decomposition,
      Double taskBytes) {
    return new RunReport(
        mode,
        mode.charAt(0) + "1234",
        "image",
        0,
        codec,
        10,
        10 - failures.size(),
        failures.size(),
        0,
        elapsed,
        10 / elapsed,
        List.of(
            new RunReport.WorkerTasks("host-a", 11, 6), new RunReport.WorkerTasks("host-b", 12, 4)),
        2,
        new RunReport.LatencyMs(1, 2, 3, 4),
        2.5,
        0.5,
        failures.isEmpty(),
        0,
        List.of(),
        failures,
        0,
        false,
        false,
        1,
        null,
        decomposition,
        null,
        "image, 8x8 RGB",
        taskBytes,
        taskBytes == null ? null : 180.0,
        null,
        null,
        null,
        null);
  }

  private static Decomposition decomposition() {
    return new Decomposition(
        List.of(
            new Decomposition.SegmentMs(
                "producerEncode", "producer: task to bytes", 10, 0.2, 0.1, 0.9),
            new Decomposition.SegmentMs("publishToConfirm", "overlaps", 10, 3, 2, 9),
            new Decomposition.SegmentMs("queueAndTransit", "queue", 10, 1.5, 1, 4),
            new Decomposition.SegmentMs("compute", "worker: the computation", 10, 2.5, 2.4, 3)),
        4.2,
        0.6,
        0.05,
        0.35);
  }

  private static ReportFile report() {
    List<RunReport> runs =
        List.of(
            run("origin", "none", 2.0, Map.of(), null, null),
            run("threads", "none", 1.1, Map.of(), null, null),
            run(
                    "fleet",
                    "smile",
                    1.3,
                    Map.of("computation failed: <script>alert('x')</script> & more", 1),
                    decomposition(),
                    49_259.0)
                .withCost(
                    new Cost(
                        List.of(
                            new Cost.ProcessCost("producer", "host-a:1", 0.01, 0, 10, 1.0),
                            new Cost.ProcessCost("worker", "host-a:11", 1.2, 0, 10, 120.0)),
                        List.of(
                            new Cost.ThreadTime("host-a:11", "w-1", 1.0, 0.7, 0.1, 0.05, 0.15))),
                    new Timeline(
                        1300,
                        List.of(
                            new Timeline.Lane(
                                "host-a:11",
                                "w-1",
                                List.of(new double[] {0, 650}, new double[] {700, 1300}))))));
    List<Comparison> rows = Comparison.of(runs);
    List<SweepPoint> sweep =
        List.of(
            new SweepPoint(0, rows), new SweepPoint(10_000, rows), new SweepPoint(4_000_000, rows));
    return new ReportFile(
        "2025-01-01T00:00:00Z",
        new ReportFile.Environment("host-a", 2, "OpenJDK 17", "Linux"),
        runs,
        rows,
        sweep,
        List.of(BreakEven.find("origin", sweep)),
        null);
  }

  @Test
  void pageIsWellFormedAndSelfContained() throws Exception {
    String html = new HtmlReport(report()).render();

    // Parsed as XML after the doctype: every element closed, every entity valid.
    String body = html.substring(html.indexOf("<html"));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document doc =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<style>")
        .doesNotContain("<script", "src=", "href=");
  }

  @Test
  void everyChartIsPresentWhenItsDataIs() {
    String html = new HtmlReport(report()).render();

    assertThat(html)
        .contains(
            "id=\"runs\"",
            "id=\"elapsed\"",
            "id=\"workers\"",
            "id=\"decomposition\"",
            "id=\"codecs\"",
            "id=\"sweep\"",
            "id=\"failures\"",
            "id=\"cost\"",
            "id=\"timeline\"")
        .contains(
            "<title>Busy threads over the run</title>",
            "w-1 · host-a:11",
            "<td>120</td>",
            "<td>70.0%</td>",
            "<td>15.0%</td>")
        .contains(
            "<title>Elapsed per mode</title>",
            "<title>Tasks per worker</title>",
            "<title>Mean time per task by segment</title>",
            "<title>Elapsed by task size</title>")
        .contains("host-b pid 12", "49,259", "smile · image, 8x8 RGB");
    // The overlapping segments are in the table, not in the stacked bar.
    assertThat(html).contains("<td>publishToConfirm</td>").doesNotContain("publishToConfirm 3");
  }

  @Test
  void textFromTheReportIsEscaped() {
    String html = new HtmlReport(report()).render();

    assertThat(html)
        .doesNotContain("<script>")
        .contains("computation failed: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
  }

  @Test
  void sectionsWithoutDataAreLeftOut() {
    ReportFile single =
        ReportFile.of("host-a", List.of(run("origin", "none", 2.0, Map.of(), null, null)));

    String html = new HtmlReport(single).render();

    assertThat(html)
        .contains("id=\"elapsed\"", "id=\"workers\"")
        .doesNotContain(
            "id=\"decomposition\"",
            "id=\"sweep\"",
            "id=\"codecs\"",
            "id=\"failures\"",
            "id=\"cost\"",
            "id=\"timeline\"");
  }

  @Test
  void writesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/report.html");

    new HtmlReport(report()).write(file);

    assertThat(Files.readString(file)).contains("taskfleet report");
  }
}
