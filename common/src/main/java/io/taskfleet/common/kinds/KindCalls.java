package io.taskfleet.common.kinds;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.protocol.InvalidMessageException;
import java.util.OptionalLong;

/**
 * Calls a {@link TaskKind} with parameters held as a plain {@link Record} (as a decoded task holds
 * them): the one place that casts them to the kind's own type.
 */
public final class KindCalls {

  private KindCalls() {}

  /**
   * {@link TaskKind#validate}, its refusal as an {@link InvalidMessageException}. A kind whose
   * check throws anything else (a plugin's bug) refuses the task as well: it cannot be run here.
   */
  public static void validate(TaskKind<?> kind, Record params, Limits limits) {
    try {
      validateTyped(kind, params, limits);
    } catch (InvalidTaskException e) {
      throw new InvalidMessageException(e.getMessage(), e);
    } catch (InvalidMessageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidMessageException(
          "kind '" + kind.name() + "' could not check its params: " + e, e);
    }
  }

  public static TaskValue compute(TaskKind<?> kind, Record params, TaskContext context) {
    return computeTyped(kind, params, context);
  }

  public static OptionalLong expectedValue(TaskKind<?> kind, Record params) {
    return expectedTyped(kind, params);
  }

  public static Record forTask(TaskKind<?> kind, Record template, long taskId) {
    return forTaskTyped(kind, template, taskId);
  }

  public static String describe(TaskKind<?> kind, Record params) {
    return describeTyped(kind, params);
  }

  private static <P extends Record> P cast(TaskKind<P> kind, Record params) {
    if (!kind.paramsType().isInstance(params)) {
      throw new InvalidMessageException(
          "a "
              + kind.name()
              + " task needs "
              + kind.paramsType().getSimpleName()
              + ", not "
              + (params == null ? "nothing" : params.getClass().getSimpleName()));
    }
    return kind.paramsType().cast(params);
  }

  private static <P extends Record> void validateTyped(
      TaskKind<P> kind, Record params, Limits limits) {
    kind.validate(cast(kind, params), limits);
  }

  private static <P extends Record> TaskValue computeTyped(
      TaskKind<P> kind, Record params, TaskContext context) {
    return kind.compute(cast(kind, params), context);
  }

  private static <P extends Record> OptionalLong expectedTyped(TaskKind<P> kind, Record params) {
    return kind.expectedValue(cast(kind, params));
  }

  private static <P extends Record> Record forTaskTyped(
      TaskKind<P> kind, Record template, long taskId) {
    return kind.forTask(cast(kind, template), taskId);
  }

  private static <P extends Record> String describeTyped(TaskKind<P> kind, Record params) {
    return kind.describe(cast(kind, params));
  }
}
