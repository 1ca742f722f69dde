package io.taskfleet.common.codec;

import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskMessage;
import io.taskfleet.common.protocol.TaskResult;
import java.util.List;
import java.util.Optional;

/**
 * Turns tasks and results into message bodies and back. Implementations are thread-safe.
 *
 * <p>Decoding throws {@link InvalidMessageException} for anything that is not a valid message, so
 * the caller can dead-letter it instead of retrying.
 */
public interface Codec {

  /** The name used with {@code --codec} and in reports. */
  String name();

  /** The AMQP {@code content_type} of the bodies this codec writes. */
  String contentType();

  byte[] encodeTask(Task task);

  Task decodeTask(byte[] body);

  /**
   * A chunk: several tasks of one run in one message ({@code {"runId":..,"createdAtEpochMs":..,
   * "tasks":[{"taskId":..,"kind":..,"params":{..}},..]}}). Every task must share the first one's
   * run id and creation time.
   */
  byte[] encodeChunk(List<Task> tasks);

  /**
   * A message from the task queue, whatever its shape: a single task, or a chunk (told apart by a
   * top-level {@code tasks} array). Throws {@link InvalidMessageException} when the message as a
   * whole cannot be read; a chunk's invalid tasks are listed in {@link TaskMessage#rejected()}.
   */
  TaskMessage decodeTaskMessage(byte[] body);

  byte[] encodeResult(TaskResult result);

  TaskResult decodeResult(byte[] body);

  /** Results of one run in one message: {@code {"runId":..,"results":[..]}}. */
  byte[] encodeResults(List<TaskResult> results);

  /** A message from a result queue, whatever its shape: one result, or a {@code results} batch. */
  List<TaskResult> decodeResults(byte[] body);

  /**
   * Reads the run and task ids from a body that failed to decode as a task, when it is at least
   * well-formed and carries them, so the sender can be told its task failed.
   */
  Optional<TaskRef> peekTaskRef(byte[] body);

  /** Where a task came from: enough to address a failed result. */
  record TaskRef(String runId, long taskId) {}
}
