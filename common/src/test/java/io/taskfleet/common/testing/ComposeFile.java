package io.taskfleet.common.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The project's {@code compose.yaml} with its {@code .env}, read as {@code docker compose} reads
 * them, for tests that check the file against the code without running Docker.
 */
public final class ComposeFile {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  private final Path directory;
  private final Map<String, Object> root;
  private final Map<String, String> dotEnv;

  private ComposeFile(Path directory, Map<String, Object> root, Map<String, String> dotEnv) {
    this.directory = directory;
    this.root = root;
    this.dotEnv = dotEnv;
  }

  /** Finds {@code compose.yaml} in the working directory or the nearest one above it. */
  public static ComposeFile find() {
    return find("compose.yaml");
  }

  /** Finds this compose file, e.g. {@code compose.cluster.yaml}, as {@link #find()} does. */
  public static ComposeFile find(String fileName) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve(fileName))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no " + fileName + " in " + Path.of("").toAbsolutePath() + " or above");
    }
    return read(dir, fileName);
  }

  private static ComposeFile read(Path dir, String fileName) {
    try (Reader reader = Files.newBufferedReader(dir.resolve(fileName))) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      Path env = dir.resolve(".env");
      return new ComposeFile(dir, root, Files.exists(env) ? dotEnv(env) : Map.of());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + dir.resolve(fileName) + ": " + e, e);
    }
  }

  private static Map<String, String> dotEnv(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      int eq = trimmed.indexOf('=');
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && eq > 0) {
        values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
      }
    }
    return values;
  }

  public Path directory() {
    return directory;
  }

  /** The variables {@code .env} sets. */
  public Map<String, String> dotEnv() {
    return dotEnv;
  }

  /** A service's definition, as parsed (anchors resolved). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> service(String name) {
    Map<String, Object> services = (Map<String, Object>) root.get("services");
    Object service = services == null ? null : services.get(name);
    if (service == null) {
      throw new IllegalStateException("compose.yaml has no service '" + name + "'");
    }
    return (Map<String, Object>) service;
  }

  /** A service's {@code environment:}, map or list form, values as written (not interpolated). */
  public Map<String, String> environment(String service) {
    Object env = service(service).get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else if (env instanceof List<?> list) {
      for (Object item : list) {
        String entry = String.valueOf(item);
        int eq = entry.indexOf('=');
        result.put(
            eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
      }
    }
    return result;
  }

  /** A service's environment as the container sees it, with {@code .env} and no overrides. */
  public Map<String, String> interpolatedEnvironment(String service) {
    Map<String, String> result = new LinkedHashMap<>();
    environment(service)
        .forEach((k, v) -> result.put(k, v == null ? null : interpolate(v, dotEnv)));
    return result;
  }

  /**
   * Compose's interpolation: {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}},
   * {@code ${NAME:?error}} and {@code $$}.
   */
  public static String interpolate(String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String value = variables.get(m.group(1));
        String op = m.group(2);
        boolean unset = value == null || (op != null && op.startsWith(":") && value.isEmpty());
        if (unset && op != null && op.endsWith("?")) {
          throw new IllegalStateException(m.group(1) + " is required: " + m.group(3));
        }
        replacement = unset ? (op == null ? "" : m.group(3)) : value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
