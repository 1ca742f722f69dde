package io.taskfleet.worker;

import io.taskfleet.common.codec.Codec;
import io.taskfleet.common.codec.Codec.TaskRef;
import io.taskfleet.common.codec.Codecs;
import io.taskfleet.common.compute.Computation;
import io.taskfleet.common.compute.TaskComputer;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskMessage;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import io.taskfleet.common.text.Bounded;
import io.taskfleet.common.time.EpochClock;
import java.util.ArrayList;
import java.util.List;
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
  private final EpochClock clock = new EpochClock();

  public TaskHandler(String host, long pid, long maxIterations, int maxBodyBytes) {
    this(host, pid, TaskLimits.withMaxIterations(maxIterations), maxBodyBytes);
  }

  public TaskHandler(String host, long pid, TaskLimits limits, int maxBodyBytes) {
    this.host = host;
    this.pid = pid;
    this.codecs = Codecs.byContentType(maxBodyBytes, limits.kinds());
    this.computer = new TaskComputer(limits.kinds(), limits.asLimits());
  }

  /** The longest text copied from a message or an exception into a result, header or log. */
  public static final int MAX_REASON_CHARS = 500;

  /** A message decoded, or why it cannot be. */
  public sealed interface Decoded {
    /** Its tasks, valid or rejected, and the codec to answer in. */
    record Tasks(Codec codec, TaskMessage message, long decodeNanos) implements Decoded {}

    /**
     * A message that can never be processed.
     *
     * @param codec the codec to answer in, or null when the content type is unknown
     * @param failedReply a failed result for the sender, when its ids could be read; else null
     */
    record Bad(Codec codec, String reason, byte[] failedReply) implements Decoded {}
  }

  /** Decodes and validates a message of the task queue, any shape; never throws. */
  public Decoded decode(byte[] body, String contentType, boolean redelivered) {
    Codec codec = Codecs.forContentType(codecs, contentType);
    if (codec == null) {
      return new Decoded.Bad(null, bounded("unsupported content type '" + contentType + "'"), null);
    }
    long start = System.nanoTime();
    try {
      TaskMessage message = codec.decodeTaskMessage(body);
      List<Task> valid = new ArrayList<>(message.tasks().size());
      List<TaskMessage.RejectedTask> rejected = new ArrayList<>(message.rejected());
      for (Task task : message.tasks()) {
        try {
          computer.checkLimits(task);
          valid.add(task);
        } catch (InvalidMessageException e) {
          if (!message.chunk()) {
            throw e;
          }
          rejected.add(new TaskMessage.RejectedTask(task.taskId(), bounded(e.getMessage())));
        }
      }
      TaskMessage checked = new TaskMessage(message.runId(), message.chunk(), valid, rejected);
      return new Decoded.Tasks(codec, checked, System.nanoTime() - start);
    } catch (InvalidMessageException e) {
      String reason = bounded(e.getMessage());
      Outcome rejected = rejected(codec, body, reason, identity(), redelivered);
      return new Decoded.Bad(codec, reason, rejected.reply());
    } catch (RuntimeException | StackOverflowError e) {
      String reason = bounded("cannot decode: " + e);
      return new Decoded.Bad(codec, reason, null);
    }
  }

  /**
   * Runs one task. Never throws: whatever the computation throws, {@code Error}s included, becomes
   * a failed result with a bounded reason.
   */
  public TaskResult compute(Task task, long decodeNanos, boolean redelivered) {
    WorkerIdentity me = identity();
    long start = System.nanoTime();
    try {
      Computation computation = computer.run(task);
      long computed = System.nanoTime();
      return TaskResult.ok(
          task,
          computation.value(),
          computation.digest(),
          me,
          new WorkerTimings(decodeNanos, computed - start, 0, clock.epochMicros(start)),
          redelivered);
    } catch (RuntimeException | Error e) {
      long computed = System.nanoTime();
      return TaskResult.failed(
          task.runId(),
          task.taskId(),
          bounded("computation failed: " + e),
          me,
          new WorkerTimings(decodeNanos, computed - start, 0, clock.epochMicros(start)),
          redelivered);
    }
  }

  /** A failed result for a task of a chunk that cannot be valid. */
  public TaskResult rejectedResult(String runId, long taskId, String reason, boolean redelivered) {
    return TaskResult.failed(
        runId, taskId, "rejected: " + reason, identity(), WorkerTimings.NONE, redelivered);
  }

  /**
   * Encodes the answer to a message, once: one result as the original protocol has it, or a {@code
   * results} message for a chunk. The time encoding takes cannot be inside the bytes it measures,
   * so each result carries {@code encodeNanosEach}, the caller's estimate (the share per result
   * measured on its previous answer); the measured total goes to the worker's usage counters.
   */
  public static byte[] encodeAnswer(
      Codec codec, List<TaskResult> results, boolean chunk, long encodeNanosEach) {
    List<TaskResult> timed = new ArrayList<>(results.size());
    for (TaskResult result : results) {
      timed.add(result.withTimings(result.timings().withEncodeNanos(encodeNanosEach)));
    }
    if (!chunk && timed.size() == 1) {
      return codec.encodeResult(timed.get(0));
    }
    return codec.encodeResults(timed);
  }

  /** At most {@link #MAX_REASON_CHARS} characters, control characters replaced. */
  public static String bounded(String text) {
    return Bounded.text(text, MAX_REASON_CHARS);
  }

  private WorkerIdentity identity() {
    return new WorkerIdentity(host, pid, Thread.currentThread().getName());
  }

  /** Decodes, computes and encodes one single-task message at once, on the calling thread. */
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
              new WorkerTimings(decoded - start, computed - decoded, 0, clock.epochMicros(decoded)),
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
              new WorkerTimings(decoded - start, computed - decoded, 0, clock.epochMicros(decoded)),
              redelivered);
    }
    byte[] reply = encodeTimed(codec, result);
    long computeNanos = result.timings().computeNanos();
    return result.isOk()
        ? Outcome.completed(reply, computeNanos)
        : Outcome.failed(reply, computeNanos);
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
