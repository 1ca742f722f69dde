package io.taskfleet.api;

/**
 * What a computation may know about where it runs.
 *
 * @param limits this worker's limits, e.g. a download's timeout; {@link Limits#defaults()} in the
 *     producer's in-process modes
 */
public record TaskContext(Limits limits) {

  /** The context of the producer's in-process modes and of tests: every limit at its default. */
  public static final TaskContext DEFAULT = new TaskContext(Limits.defaults());

  public TaskContext {
    if (limits == null) {
      limits = Limits.defaults();
    }
  }
}
