package io.taskfleet.producer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.taskfleet.common.FleetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report file: the runs, and the machine they ran on, so a figure is never read apart from
 * where it was measured.
 *
 * @param createdAt when the report was written
 * @param environment where the producer ran
 * @param runs one entry per mode run (with a sweep: per mode and task size)
 * @param comparison the modes side by side for the (last) workload: the text table; null when a
 *     single mode ran
 * @param sweep one point per task size of {@code --sweep-iterations}; null without a sweep
 * @param breakEven where the fleet catches up with origin and with threads; null without a sweep
 * @param cold fleet runs on fresh worker JVMs with their start-up counted ({@code --cold}); null
 *     unless asked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportFile(
    String createdAt,
    Environment environment,
    List<RunReport> runs,
    List<Comparison> comparison,
    List<SweepPoint> sweep,
    List<BreakEven> breakEven,
    List<RunReport> cold) {

  /** Where the producer ran. */
  public record Environment(String host, int cpus, String java, String os) {

    public static Environment current(String host) {
      return new Environment(
          host,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
  }

  public static ReportFile of(String host, List<RunReport> runs) {
    return new ReportFile(
        Instant.now().toString(), Environment.current(host), runs, null, null, null, null);
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new FleetException(
          "cannot write the JSON report to " + file + ": " + e.getMessage(), e);
    }
  }
}
