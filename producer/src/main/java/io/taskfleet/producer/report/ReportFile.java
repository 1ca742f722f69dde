package io.taskfleet.producer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.taskfleet.common.FleetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report file: the runs, and the machine they ran on, so a figure is never read apart
 * from where it was measured.
 */
public record ReportFile(String createdAt, Environment environment, List<RunReport> runs) {

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
    return new ReportFile(Instant.now().toString(), Environment.current(host), runs);
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new FleetException("cannot write the JSON report to " + file + ": " + e.getMessage(), e);
    }
  }
}
