package io.taskfleet.producer;

import io.taskfleet.common.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds worker.jar for {@code --spawn-workers}: the given path, else next to the producer's build.
 */
final class WorkerJar {

  private WorkerJar() {}

  static Path locate(Path explicit) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new ConfigException("--worker-jar " + explicit + " is not a file");
      }
      return explicit.toAbsolutePath().normalize();
    }
    List<Path> candidates = candidates(producerLocation());
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new ConfigException(
        "cannot find worker.jar (looked at "
            + candidates
            + "): build it with 'mvn -B package"
            + " -DskipTests' or give --worker-jar PATH");
  }

  /**
   * Where worker.jar is, seen from the producer's jar or classes directory: beside it, or in the
   * sibling module's {@code target} ({@code <dir of producer.jar>/../../worker/target/worker.jar}).
   */
  static List<Path> candidates(Path producerLocation) {
    List<Path> paths = new ArrayList<>();
    Path dir =
        Files.isDirectory(producerLocation) ? producerLocation : producerLocation.getParent();
    if (dir == null) {
      return paths;
    }
    paths.add(dir.resolve("worker.jar"));
    for (Path up = dir; up != null && paths.size() < 5; up = up.getParent()) {
      paths.add(up.resolve("worker/target/worker.jar"));
    }
    return paths.stream().map(Path::normalize).distinct().toList();
  }

  private static Path producerLocation() {
    try {
      return Path.of(WorkerJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of(".").toAbsolutePath();
    }
  }
}
