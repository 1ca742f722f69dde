package io.taskfleet.common.kinds;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.common.ConfigException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kinds of task from plugin jars: every {@code *.jar} in a folder, loaded by one class loader whose
 * parent has the built-in kinds and the api, then found with {@link java.util.ServiceLoader}. The
 * loader lives as long as the process: plugins are loaded once, at start.
 */
public final class Plugins {

  private Plugins() {}

  /**
   * The built-in kinds plus those of the jars in {@code dir}; the built-in kinds alone when {@code
   * dir} is null.
   *
   * @throws ConfigException when the folder cannot be read, a jar's kind cannot be loaded, or two
   *     kinds share a name
   */
  public static KindRegistry load(Path dir) {
    if (dir == null) {
      return KindRegistry.builtIn();
    }
    List<Path> jars = jars(dir);
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new ConfigException("--plugins: cannot read " + jars.get(i) + ": " + e.getMessage());
      }
    }
    // Deliberately never closed: the kinds' classes are used until the process exits.
    @SuppressWarnings("resource")
    URLClassLoader loader =
        new URLClassLoader("taskfleet-plugins", urls, Plugins.class.getClassLoader());
    try {
      return KindRegistry.load(loader);
    } catch (IllegalStateException | LinkageError e) {
      throw new ConfigException("--plugins " + dir + ": " + e.getMessage());
    }
  }

  /** The jars in {@code dir}, by name. */
  public static List<Path> jars(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("--plugins: " + dir + " is not a folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(
          files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList());
    } catch (IOException e) {
      throw new ConfigException("--plugins: cannot list " + dir + ": " + e.getMessage());
    }
  }
}
