package io.taskfleet.common.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.protocol.TaskStatus;
import io.taskfleet.common.protocol.WorkerIdentity;
import io.taskfleet.common.protocol.WorkerTimings;
import java.io.IOException;

/**
 * A result written and read field by field with Jackson's streaming API, in exactly the form data
 * binding gives it (README's result; {@code ResultFieldsTest} holds the bytes equal): a producer
 * reads tens of thousands of results a second, and binding each record by reflection was most of
 * its result thread.
 *
 * <p>{@link #read} only takes the common shape: every field known, of its type, not null, none
 * twice, the required ones all there, and valid. For anything else it answers null, and the codec
 * reads the body again with data binding, which accepts what the protocol allows and reports every
 * error in its own words. So this class never changes what a body means, only how fast a usual one
 * is read.
 */
final class ResultFields {

  private ResultFields() {}

  // Names and constant values quoted and encoded once, for the generator to copy.
  private static final SerializableString RUN_ID_NAME = new SerializedString("runId");
  private static final SerializableString TASK_ID_NAME = new SerializedString("taskId");
  private static final SerializableString STATUS_NAME = new SerializedString("status");
  private static final SerializableString VALUE_NAME = new SerializedString("value");
  private static final SerializableString ERROR_NAME = new SerializedString("error");
  private static final SerializableString WORKER_NAME = new SerializedString("worker");
  private static final SerializableString HOST_NAME = new SerializedString("host");
  private static final SerializableString PID_NAME = new SerializedString("pid");
  private static final SerializableString THREAD_NAME = new SerializedString("thread");
  private static final SerializableString TIMINGS_NAME = new SerializedString("timings");
  private static final SerializableString DECODE_NANOS_NAME = new SerializedString("decodeNanos");
  private static final SerializableString COMPUTE_NANOS_NAME = new SerializedString("computeNanos");
  private static final SerializableString ENCODE_NANOS_NAME = new SerializedString("encodeNanos");
  private static final SerializableString STARTED_AT_EPOCH_MICROS_NAME =
      new SerializedString("startedAtEpochMicros");
  private static final SerializableString REDELIVERED_NAME = new SerializedString("redelivered");
  private static final SerializableString DIGEST_NAME = new SerializedString("digest");
  private static final SerializableString OK_NAME = new SerializedString("ok");
  private static final SerializableString OK_TEXT = new SerializedString("ok");
  private static final SerializableString FAILED_TEXT = new SerializedString("failed");

  static void write(JsonGenerator g, TaskResult result) throws IOException {
    g.writeStartObject();
    g.writeFieldName(RUN_ID_NAME);
    g.writeString(result.runId());
    g.writeFieldName(TASK_ID_NAME);
    g.writeNumber(result.taskId());
    g.writeFieldName(STATUS_NAME);
    g.writeString(result.status() == TaskStatus.OK ? OK_TEXT : FAILED_TEXT);
    g.writeFieldName(VALUE_NAME);
    g.writeNumber(result.value());
    if (result.error() != null) {
      g.writeFieldName(ERROR_NAME);
      g.writeString(result.error());
    }
    WorkerIdentity worker = result.worker();
    g.writeFieldName(WORKER_NAME);
    g.writeStartObject();
    g.writeFieldName(HOST_NAME);
    g.writeString(worker.host());
    g.writeFieldName(PID_NAME);
    g.writeNumber(worker.pid());
    g.writeFieldName(THREAD_NAME);
    g.writeString(worker.thread());
    g.writeEndObject();
    WorkerTimings timings = result.timings();
    g.writeFieldName(TIMINGS_NAME);
    g.writeStartObject();
    g.writeFieldName(DECODE_NANOS_NAME);
    g.writeNumber(timings.decodeNanos());
    g.writeFieldName(COMPUTE_NANOS_NAME);
    g.writeNumber(timings.computeNanos());
    g.writeFieldName(ENCODE_NANOS_NAME);
    g.writeNumber(timings.encodeNanos());
    if (timings.startedAtEpochMicros() != 0) {
      g.writeFieldName(STARTED_AT_EPOCH_MICROS_NAME);
      g.writeNumber(timings.startedAtEpochMicros());
    }
    g.writeEndObject();
    g.writeFieldName(REDELIVERED_NAME);
    g.writeBoolean(result.redelivered());
    if (result.digest() != null) {
      g.writeFieldName(DIGEST_NAME);
      g.writeString(result.digest());
    }
    // Data binding has always written TaskResult.isOk() too; readers ignore it.
    g.writeFieldName(OK_NAME);
    g.writeBoolean(result.isOk());
    g.writeEndObject();
  }

  // One bit per field, to tell a field seen twice and a required field missing.
  private static final int RUN_ID = 1;
  private static final int TASK_ID = 1 << 1;
  private static final int STATUS = 1 << 2;
  private static final int VALUE = 1 << 3;
  private static final int ERROR = 1 << 4;
  private static final int WORKER = 1 << 5;
  private static final int TIMINGS = 1 << 6;
  private static final int REDELIVERED = 1 << 7;
  private static final int DIGEST = 1 << 8;
  private static final int OK = 1 << 9;
  private static final int REQUIRED = RUN_ID | TASK_ID | STATUS | VALUE | WORKER | REDELIVERED;

  /**
   * The result whose {@code START_OBJECT} the parser is on, leaving it on the matching {@code
   * END_OBJECT}; null when the object is not in the common shape (see the class comment), with the
   * parser anywhere.
   */
  static TaskResult read(JsonParser p) throws IOException {
    int seen = 0;
    String runId = null;
    long taskId = 0;
    TaskStatus status = null;
    long value = 0;
    String error = null;
    WorkerIdentity worker = null;
    WorkerTimings timings = null;
    boolean redelivered = false;
    String digest = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken token = p.nextToken();
      int bit;
      switch (field) {
        case "runId" -> {
          bit = RUN_ID;
          runId = token == JsonToken.VALUE_STRING ? p.getText() : null;
          if (runId == null) {
            return null;
          }
        }
        case "taskId" -> {
          bit = TASK_ID;
          if (token != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          taskId = p.getLongValue();
        }
        case "status" -> {
          bit = STATUS;
          status = token == JsonToken.VALUE_STRING ? status(p.getText()) : null;
          if (status == null) {
            return null;
          }
        }
        case "value" -> {
          bit = VALUE;
          if (token != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          value = p.getLongValue();
        }
        case "error" -> {
          bit = ERROR;
          error = token == JsonToken.VALUE_STRING ? p.getText() : null;
          if (error == null) {
            return null;
          }
        }
        case "worker" -> {
          bit = WORKER;
          worker = token == JsonToken.START_OBJECT ? worker(p) : null;
          if (worker == null) {
            return null;
          }
        }
        case "timings" -> {
          bit = TIMINGS;
          timings = token == JsonToken.START_OBJECT ? timings(p) : null;
          if (timings == null) {
            return null;
          }
        }
        case "redelivered" -> {
          bit = REDELIVERED;
          if (!token.isBoolean()) {
            return null;
          }
          redelivered = token == JsonToken.VALUE_TRUE;
        }
        case "digest" -> {
          bit = DIGEST;
          digest = token == JsonToken.VALUE_STRING ? p.getText() : null;
          if (digest == null) {
            return null;
          }
        }
        case "ok" -> {
          bit = OK;
          if (!token.isBoolean()) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
      if ((seen & bit) != 0) {
        return null;
      }
      seen |= bit;
    }
    if ((seen & REQUIRED) != REQUIRED || p.currentToken() != JsonToken.END_OBJECT) {
      return null;
    }
    try {
      return new TaskResult(
          runId, taskId, status, value, error, worker, timings, redelivered, digest);
    } catch (InvalidMessageException e) {
      return null;
    }
  }

  private static TaskStatus status(String text) {
    return switch (text) {
      case "ok" -> TaskStatus.OK;
      case "failed" -> TaskStatus.FAILED;
      default -> null;
    };
  }

  private static WorkerIdentity worker(JsonParser p) throws IOException {
    String host = null;
    Long pid = null;
    String thread = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken token = p.nextToken();
      switch (field) {
        case "host" -> {
          if (host != null || token != JsonToken.VALUE_STRING) {
            return null;
          }
          host = p.getText();
        }
        case "pid" -> {
          if (pid != null || token != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          pid = p.getLongValue();
        }
        case "thread" -> {
          if (thread != null || token != JsonToken.VALUE_STRING) {
            return null;
          }
          thread = p.getText();
        }
        default -> {
          return null;
        }
      }
    }
    if (host == null || pid == null || thread == null) {
      return null;
    }
    try {
      return new WorkerIdentity(host, pid, thread);
    } catch (InvalidMessageException e) {
      return null;
    }
  }

  private static WorkerTimings timings(JsonParser p) throws IOException {
    long[] nanos = new long[4];
    int seen = 0;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      int index =
          switch (field) {
            case "decodeNanos" -> 0;
            case "computeNanos" -> 1;
            case "encodeNanos" -> 2;
            case "startedAtEpochMicros" -> 3;
            default -> -1;
          };
      if (index < 0 || (seen & (1 << index)) != 0 || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
        return null;
      }
      seen |= 1 << index;
      nanos[index] = p.getLongValue();
    }
    if ((seen & 0b111) != 0b111) {
      return null;
    }
    try {
      return new WorkerTimings(nanos[0], nanos[1], nanos[2], nanos[3]);
    } catch (InvalidMessageException e) {
      return null;
    }
  }
}
