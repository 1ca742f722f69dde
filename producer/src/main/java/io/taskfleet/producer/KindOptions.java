package io.taskfleet.producer;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.ConfigException;
import io.taskfleet.common.kinds.KindCalls;
import io.taskfleet.common.kinds.ParamsBinder;
import io.taskfleet.common.protocol.InvalidMessageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which tasks to run: a kind with params from the command line, or the tasks of a JSON Lines file.
 * Checked once, at the edge, with the kind's own bounds (a worker's limits may be tighter).
 *
 * <p>On the command line a kind's params are bound from named values: the shortcuts {@code
 * iterations} ({@code --iterations}, varied by the sweep), {@code sleepMs}, {@code url}, {@code
 * width} and {@code height}, then every {@code --param name=value}, which win. A kind reads the
 * names its params record has and ignores the others.
 *
 * @param kinds the kinds known: built in, and from {@code --plugins}
 * @param plugins the plugin folder, passed on to spawned workers; null for none
 * @param kind the kind of every task, when given by flags; null with a tasks file
 * @param values the named values its params are bound from, {@code iterations} aside
 * @param tasksFile the JSON Lines file of tasks, or null
 * @param fileTasks the tasks of that file, in order; empty without one
 */
public record KindOptions(
    KindRegistry kinds,
    Path plugins,
    TaskKind<?> kind,
    Map<String, Object> values,
    Path tasksFile,
    List<TaskSpec> fileTasks) {

  public static final long DEFAULT_SLEEP_MS = 10;
  public static final String DEFAULT_IMAGE_SIZE = "256x256";

  private static final ParamsBinder BINDER = new ParamsBinder();

  /** The seed's workload: cpu tasks. */
  public static final KindOptions CPU =
      fromFlags(KindRegistry.builtIn(), null, "cpu", Map.of("sleepMs", DEFAULT_SLEEP_MS));

  public KindOptions {
    values = values == null ? Map.of() : Map.copyOf(values);
    fileTasks = fileTasks == null ? List.of() : List.copyOf(fileTasks);
    if (kind == null && fileTasks.isEmpty()) {
      throw new ConfigException("a kind or a tasks file is needed");
    }
  }

  /**
   * Tasks of one kind, named by {@code --kind}, with params bound from {@code values}.
   *
   * @throws ConfigException naming the known kinds when {@code kind} is not one
   */
  public static KindOptions fromFlags(
      KindRegistry kinds, Path plugins, String kind, Map<String, Object> values) {
    String name = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
    TaskKind<?> found =
        kinds
            .find(name)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "--kind must be one of "
                            + String.join(", ", kinds.names())
                            + ", was '"
                            + kind
                            + "'"
                            + (plugins == null ? " (a plugin's kind needs --plugins DIR)" : "")));
    KindOptions options = new KindOptions(kinds, plugins, found, values, null, List.of());
    options.spec(0); // checks the params now, not in the middle of an experiment
    return options;
  }

  /**
   * The tasks of a JSON Lines file: one {@code {"kind":"cpu","params":{"iterations":1000}}} per
   * line; blank lines and lines starting with {@code #} are skipped.
   *
   * @throws ConfigException naming the file and line of the first bad line
   */
  public static KindOptions fromFile(KindRegistry kinds, Path plugins, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new ConfigException("--tasks-file " + file + ": cannot read it: " + e.getMessage());
    }
    List<TaskSpec> specs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        ParamsBinder.Line parsed = BINDER.parseLine(line, kinds);
        TaskSpec spec = new TaskSpec(parsed.kind(), parsed.params());
        check(spec);
        specs.add(spec);
      } catch (IllegalArgumentException | InvalidMessageException e) {
        throw new ConfigException(
            "--tasks-file " + file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (specs.isEmpty()) {
      throw new ConfigException("--tasks-file " + file + " holds no task");
    }
    return new KindOptions(kinds, plugins, null, Map.of(), file, specs);
  }

  /**
   * The workload: {@code tasks} tasks of the kind with {@code iterations} as their size, or the
   * tasks of the file, one per line, {@code tasks} aside.
   */
  Workload workload(long iterations, int tasks) {
    if (!fileTasks.isEmpty()) {
      return new Workload(kinds, fileTasks, fileTasks.size(), tasksFile.toString());
    }
    return new Workload(kinds, List.of(spec(iterations)), tasks, "");
  }

  private TaskSpec spec(long iterations) {
    Map<String, Object> all = new LinkedHashMap<>(values);
    all.putIfAbsent("iterations", iterations);
    TaskSpec spec;
    try {
      spec = new TaskSpec(kind, BINDER.bind(kind, all));
      check(spec);
    } catch (IllegalArgumentException | InvalidMessageException e) {
      throw new ConfigException("--kind " + kind.name() + ": " + e.getMessage());
    }
    return spec;
  }

  // The kind's own bounds on the first task; each worker applies its limits as well.
  private static void check(TaskSpec spec) {
    KindCalls.validate(spec.kind(), spec.paramsFor(0), Limits.unlimited());
  }

  /** Parses {@code --image-size}: {@code WIDTHxHEIGHT}, e.g. {@code 256x256}. */
  public static int[] parseImageSize(String text) {
    String[] parts = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // fall through to the one message
    }
    throw new ConfigException(
        "--image-size must be WIDTHxHEIGHT, e.g. 256x256; was '" + text + "'");
  }
}
