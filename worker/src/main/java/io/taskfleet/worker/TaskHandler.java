package io.taskfleet.worker;

import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codec.TaskRef;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.compute.Computation;
import io.taskfleet.common.compute.TaskComputer;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one task body into an {@link Outcome}: decode and validate, compute, encode the result,
 * timing each step with this JVM's monotonic clock. It touches no channel, so every policy here is
 * unit-tested without a broker.
 *
 * <p>The policy: a body that can never become a valid task is dead-lettered with the reason (and a
 * failed result goes back when the task's ids can be read); a computation that throws gives a
 * failed result; nothing is ever requeued from here.
 */
public final class TaskHandler {

  private final String host;
  private final long pid;
  private final Map<String, Codec> codecs;
  private final TaskComputer computer;

  public TaskHandler(String host, long pid, long maxIterations, int maxBodyBytes) {
    this(host, pid, TaskLimits.withMaxIterations(maxIterations), maxBodyBytes);
  }

  public TaskHandler(String host, long pid, TaskLimits limits, int maxBodyBytes) {
    this.host = host;
    this.pid = pid;
    this.codecs = Codecs.byContentType(maxBodyBytes, limits.kinds());
    this.computer = new TaskComputer(limits.kinds(), limits.asLimits());
  }

  public Outcome handle(byte[] body, String contentType, boolean redelivered) {
    WorkerIdentity me = new WorkerIdentity(host, pid, Thread.currentThread().getName());
    Codec codec = Codecs.forContentType(codecs, contentType);
    if (codec == null) {
      return Outcome.deadLettered("unsupported content type '" + contentType + "'", null);
    }
    long start = System.nanoTime();
    Task task;
    try {
      task = codec.decodeTask(body);
      computer.checkLimits(task);
    } catch (InvalidMessageException e) {
      return rejected(codec, body, e.getMessage(), me, redelivered);
    }
    long decoded = System.nanoTime();
    TaskResult result;
    try {
      Computation computation = computer.run(task);
      long computed = System.nanoTime();
      result =
          TaskResult.ok(
              task,
              computation.value(),
              computation.digest(),
              me,
              new WorkerTimings(decoded - start, computed - decoded, 0),
              redelivered);
    } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
      // A plugin's bug, even a missing class, fails its task, not the worker.
      long computed = System.nanoTime();
      String error = bounded("computation failed: " + e);
      result =
          TaskResult.failed(
              task.runId(),
              task.taskId(),
              error,
              me,
              new WorkerTimings(decoded - start, computed - decoded, 0),
              redelivered);
    }
    byte[] reply = encodeTimed(codec, result);
    long computeNanos = result.timings().computeNanos();
    return result.isOk()
        ? Outcome.completed(reply, computeNanos)
        : Outcome.failed(reply, computeNanos);
  }

  /** The longest reason a failed result carries; a plugin's exception may say a lot. */
  static final int MAX_ERROR_LENGTH = 1_000;

  static String bounded(String error) {
    return error.length() <= MAX_ERROR_LENGTH
        ? error
        : error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
  }

  private Outcome rejected(
      Codec codec, byte[] body, String why, WorkerIdentity me, boolean redelivered) {
    String reason = bounded(why);
    Optional<TaskRef> ref = codec.peekTaskRef(body);
    byte[] reply =
        ref.map(
                r ->
                    encodeTimed(
                        codec,
                        TaskResult.failed(
                            r.runId(),
                            r.taskId(),
                            "rejected: " + reason,
                            me,
                            WorkerTimings.NONE,
                            redelivered)))
            .orElse(null);
    return Outcome.deadLettered(reason, reply);
  }

  /**
   * Encodes the result with the time encoding took. The timing cannot be inside the bytes it
   * measures, so the result is encoded once to time it and again to carry that time; results are
   * small, and the cost of the second pass shows up in the producer's overhead figure.
   */
  private static byte[] encodeTimed(Codec codec, TaskResult result) {
    long start = System.nanoTime();
    codec.encodeResult(result);
    long encodeNanos = System.nanoTime() - start;
    return codec.encodeResult(result.withTimings(result.timings().withEncodeNanos(encodeNanos)));
  }
}
