package io.taskfleet.common.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading kinds from a folder of jars; every mistake is a configuration error naming it. */
class PluginsTest {

  @TempDir Path dir;

  /** Another kind that calls itself cpu. */
  public static final class OtherCpu implements TaskKind<CpuParams> {
    @Override
    public String name() {
      return "cpu";
    }

    @Override
    public Class<CpuParams> paramsType() {
      return CpuParams.class;
    }

    @Override
    public void validate(CpuParams params, Limits limits) {}

    @Override
    public TaskValue compute(CpuParams params, TaskContext context) {
      return TaskValue.of(0);
    }
  }

  private Path jarListing(String name, String providers) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/io.taskfleet.api.TaskKind"));
      out.write(providers.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void noFolderMeansTheBuiltInKindsAndAnEmptyFolderTheSame() {
    assertThat(Plugins.load(null).names()).containsExactly("cpu", "sleep", "http", "image");
    assertThat(Plugins.load(dir).names()).containsExactly("cpu", "sleep", "http", "image");
  }

  @Test
  void aFolderThatIsNotThereIsAConfigError() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> Plugins.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--plugins: " + missing + " is not a folder");
  }

  @Test
  void aJarNamingAClassItLacksIsAConfigError() throws IOException {
    jarListing("broken.jar", "com.example.Missing\n");

    assertThatThrownBy(() -> Plugins.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--plugins " + dir + ": cannot load a kind of task")
        .hasMessageContaining("com.example.Missing");
  }

  @Test
  void aSecondKindOfTheSameNameIsAConfigError() throws IOException {
    jarListing("twice.jar", OtherCpu.class.getName() + "\n");

    assertThatThrownBy(() -> Plugins.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("two kinds are named 'cpu'");
  }
}
