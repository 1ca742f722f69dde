package io.taskfleet.producer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The example plugin's jar, {@code examples/sha256-kind/target/sha256-kind.jar}, as built. */
public final class ExampleJar {

  private ExampleJar() {}

  /**
   * Its absolute path, from the root or from a module's folder; fails, saying how, when unbuilt.
   */
  public static Path path() {
    for (Path candidate :
        List.of(
            Path.of("../examples/sha256-kind/target/sha256-kind.jar"),
            Path.of("examples/sha256-kind/target/sha256-kind.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "examples/sha256-kind/target/sha256-kind.jar is missing: build it first with 'mvn -B"
            + " package' at the root");
  }
}
