package io.taskfleet.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The kinds of task one process knows, by name: those that {@link ServiceLoader} finds through a
 * class loader (the built-in kinds on the class path, plus any plugin jars that loader sees).
 * Immutable and thread-safe.
 */
public final class KindRegistry {

  private final Map<String, TaskKind<?>> kinds;

  private KindRegistry(Map<String, TaskKind<?>> kinds) {
    this.kinds = Collections.unmodifiableMap(kinds);
  }

  /**
   * Every kind {@code loader} provides, in the order found.
   *
   * @throws IllegalStateException when two kinds share a name or a provider cannot be loaded
   */
  public static KindRegistry load(ClassLoader loader) {
    List<TaskKind<?>> found = new ArrayList<>();
    try {
      for (TaskKind<?> kind : ServiceLoader.load(TaskKind.class, loader)) {
        found.add(kind);
      }
    } catch (java.util.ServiceConfigurationError e) {
      throw new IllegalStateException("cannot load a kind of task: " + e.getMessage(), e);
    }
    return of(found);
  }

  /** The kinds on the class path of this library: the built-in ones. */
  public static KindRegistry builtIn() {
    return Holder.BUILT_IN;
  }

  /** Exactly these kinds, for tests and embedding. */
  public static KindRegistry of(List<? extends TaskKind<?>> list) {
    Map<String, TaskKind<?>> byName = new LinkedHashMap<>();
    for (TaskKind<?> kind : list) {
      String name = kind.name();
      if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
        throw new IllegalStateException(
            kind.getClass().getName()
                + " has an invalid kind name '"
                + name
                + "' (lower case letters, digits, '.', '_' or '-', at most 64)");
      }
      TaskKind<?> other = byName.putIfAbsent(name, kind);
      if (other != null) {
        throw new IllegalStateException(
            "two kinds are named '"
                + name
                + "': "
                + other.getClass().getName()
                + " and "
                + kind.getClass().getName());
      }
    }
    return new KindRegistry(byName);
  }

  /** The kind of that name, if this process knows it. */
  public Optional<TaskKind<?>> find(String name) {
    return Optional.ofNullable(name == null ? null : kinds.get(name));
  }

  /** The names of every kind, in the order found (built-in kinds first). */
  public List<String> names() {
    return List.copyOf(kinds.keySet());
  }

  /** Every kind, in the order found. */
  public List<TaskKind<?>> all() {
    return List.copyOf(kinds.values());
  }

  @Override
  public String toString() {
    return "KindRegistry" + names();
  }

  // Loaded on first use: the class loader of this library sees the built-in kinds.
  private static final class Holder {
    static final KindRegistry BUILT_IN = load(KindRegistry.class.getClassLoader());
  }
}
