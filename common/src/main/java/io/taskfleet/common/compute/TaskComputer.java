package io.taskfleet.common.compute;

import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.kinds.HttpKind;
import io.taskfleet.common.kinds.KindCalls;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a decoded task through its kind, with no messaging: the same code runs in the worker, on the
 * producer's own thread and on an in-process pool, so modes differ only in how tasks travel.
 * Thread-safe.
 */
public final class TaskComputer {

  private final KindRegistry kinds;
  private final Limits limits;
  private final TaskContext context;

  /** The built-in kinds, every limit at its default. */
  public TaskComputer() {
    this(KindRegistry.builtIn(), Limits.defaults());
  }

  /**
   * The built-in kinds with the given limits of {@code http} tasks.
   *
   * @param httpTimeout connect and request timeout of {@code http} tasks
   * @param httpMaxBytes the largest body an {@code http} task may download
   */
  public TaskComputer(Duration httpTimeout, long httpMaxBytes) {
    this(
        KindRegistry.builtIn(),
        Limits.of(
            Map.of(
                HttpKind.HTTP_TIMEOUT_MS,
                httpTimeout.toMillis(),
                HttpKind.MAX_HTTP_BYTES,
                httpMaxBytes)));
  }

  /**
   * @param kinds the kinds this process serves
   * @param limits what it agrees to run, checked by {@link #checkLimits} and seen by computations
   */
  public TaskComputer(KindRegistry kinds, Limits limits) {
    this.kinds = kinds;
    this.limits = limits;
    this.context = new TaskContext(limits);
  }

  public KindRegistry kinds() {
    return kinds;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Throws {@link InvalidMessageException} when the task can never run here: a kind this process
   * does not serve, or parameters over its limits. Such a task is dead-lettered, not computed.
   */
  public void checkLimits(Task task) {
    KindCalls.validate(kind(task), task.params(), limits);
  }

  /** The task's value alone; see {@link #run(Task)}. */
  public long compute(Task task) {
    return run(task).value();
  }

  /**
   * Runs the task; throws when it cannot be done (e.g. HTTP 404): whatever the kind throws, which
   * the caller turns into a failed result.
   */
  public Computation run(Task task) {
    TaskValue value = KindCalls.compute(kind(task), task.params(), context);
    if (value == null) {
      throw new FleetException("kind '" + task.kind() + "' returned no value");
    }
    return new Computation(value.value(), value.digest());
  }

  private TaskKind<?> kind(Task task) {
    return kinds
        .find(task.kind())
        .orElseThrow(
            () ->
                new InvalidMessageException(
                    "unknown task kind '"
                        + task.kind()
                        + "' (this worker serves "
                        + String.join(", ", kinds.names())
                        + ")"));
  }
}
