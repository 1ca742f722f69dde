package io.taskfleet.api;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A kind of task: its name on the wire, its parameters as a record, how to check and compute them,
 * and the value a correct result carries when that is known in advance.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/io.taskfleet.api.TaskKind}); they need a public no-argument constructor and
 * must be thread-safe, as one instance serves every thread. The params record is bound by Jackson
 * from the task's {@code params} object (its component names are the JSON field names), without
 * polymorphic typing. It should not validate in its constructor: {@link #validate} does, so a bad
 * task is answered with a clear reason.
 *
 * @param <P> the parameters of one task
 */
public interface TaskKind<P extends Record> {

  /** The name in a task's {@code kind} field: lower case, e.g. {@code cpu}. */
  String name();

  /** The record the task's {@code params} object is bound to. */
  Class<P> paramsType();

  /**
   * Throws {@link InvalidTaskException} with a clear message when the parameters can never be run
   * here: out of the protocol's range, or over one of {@code limits}. With {@link
   * Limits#unlimited()} only the protocol's own bounds apply.
   */
  void validate(P params, Limits limits);

  /**
   * Runs one task whose parameters passed {@link #validate}. A failure is thrown (any runtime
   * exception): the task's result is then failed, with the exception as the reason.
   */
  TaskValue compute(P params, TaskContext context);

  /**
   * The value a correct result carries, when known without running the task (the producer checks
   * every result against it); empty when it cannot be known, such as a download's size.
   */
  default OptionalLong expectedValue(P params) {
    return OptionalLong.empty();
  }

  /**
   * The limits this kind reads, by name, with their defaults: the worker sets them from its flags
   * ({@code --max-iterations}, or {@code --limit NAME=N} for any kind) and logs them at start.
   */
  default Map<String, Long> defaultLimits() {
    return Map.of();
  }

  /**
   * Whether tasks of this kind mostly wait (network, disk, sleep) rather than compute: the worker
   * then runs more of them at once than it has cores.
   */
  default boolean ioBound() {
    return false;
  }

  /**
   * The parameters of task {@code taskId} made from a template given once for a whole workload; the
   * template itself by default. The image kind draws each task's pixels here, so a workload of many
   * images needs no file of pixels.
   */
  default P forTask(P template, long taskId) {
    return template;
  }

  /** One line for people, e.g. {@code cpu, 4,000,000 iterations}. */
  default String describe(P params) {
    return name() + " " + params;
  }
}
