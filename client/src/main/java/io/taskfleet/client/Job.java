package io.taskfleet.client;

import io.taskfleet.api.TaskKind;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * One task to run: its kind and its params.
 *
 * @param kind the kind of task
 * @param params the kind's params record
 * @param <P> the params type
 */
public record Job<P extends Record>(TaskKind<P> kind, P params) {

  public Job {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(params, "params");
  }

  /**
   * A job whose kind is known only as a wildcard, such as one read from a file: checks that {@code
   * params} is the kind's params type.
   */
  public static Job<?> of(TaskKind<?> kind, Record params) {
    return typed(kind, params);
  }

  private static <P extends Record> Job<P> typed(TaskKind<P> kind, Record params) {
    if (!kind.paramsType().isInstance(params)) {
      throw new IllegalArgumentException(
          "kind '"
              + kind.name()
              + "' takes "
              + kind.paramsType().getSimpleName()
              + ", not "
              + params.getClass().getSimpleName());
    }
    return new Job<>(kind, kind.paramsType().cast(params));
  }

  /** One job of {@code kind} per params record: a view, nothing copied. */
  public static <P extends Record> List<Job<P>> each(TaskKind<P> kind, List<P> params) {
    return new AbstractList<>() {
      @Override
      public Job<P> get(int index) {
        return new Job<>(kind, params.get(index));
      }

      @Override
      public int size() {
        return params.size();
      }
    };
  }
}
