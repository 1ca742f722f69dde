package io.taskfleet.common.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskKind;
import io.taskfleet.common.kinds.KindCalls;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a {@link Task}: its {@code params} object is bound to the record of the kind that {@code
 * kind} names, looked up in a {@link KindRegistry} (never a class named by the message), then
 * checked with the kind's own bounds ({@link Limits#unlimited()}; a worker applies its limits
 * after). Fields may come in any order: params before kind are buffered.
 */
final class TaskDeserializer extends StdDeserializer<Task> {
  private static final long serialVersionUID = 1L;

  /**
   * Attribute of a reader for a chunk's tasks: the chunk's run id (a String), which wins over a
   * task's own.
   */
  static final String CHUNK_RUN_ID = "taskfleet.chunk.runId";

  /** Attribute: the chunk's creation time (a Long), which wins over a task's own. */
  static final String CHUNK_CREATED_AT = "taskfleet.chunk.createdAtEpochMs";

  private final transient KindRegistry kinds;

  /**
   * Each kind's params deserializer, found once: {@code DeserializationContext.readValue(p, Class)}
   * looks for a type deserializer every call, introspecting the class's annotations each time, and
   * that was a quarter of a worker's time decoding tiny tasks. As many entries as kinds.
   */
  private final transient Map<Class<?>, JsonDeserializer<Object>> paramsDeserializers =
      new ConcurrentHashMap<>();

  TaskDeserializer(KindRegistry kinds) {
    super(Task.class);
    this.kinds = kinds;
  }

  /** A module that reads tasks with these kinds. */
  static SimpleModule module(KindRegistry kinds) {
    SimpleModule module = new SimpleModule("taskfleet-tasks");
    module.addDeserializer(Task.class, new TaskDeserializer(kinds));
    return module;
  }

  @Override
  public Task deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartObjectToken()) {
      throw MismatchedInputException.from(p, Task.class, "a task must be an object");
    }
    String runId = null;
    Long taskId = null;
    String kindName = null;
    Long createdAt = null;
    Record params = null;
    TokenBuffer pending = null;
    boolean paramsSeen = false;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken token = p.nextToken();
      switch (field) {
        case "runId" -> runId = text(p, token, field);
        case "taskId" -> taskId = number(p, token, field);
        case "kind" -> kindName = text(p, token, field);
        case "createdAtEpochMs" -> createdAt = number(p, token, field);
        case "params" -> {
          paramsSeen = token != JsonToken.VALUE_NULL;
          if (!paramsSeen) {
            continue;
          }
          if (kindName != null) {
            params = bind(p, ctxt, kind(p, kindName));
          } else {
            pending = ctxt.bufferAsCopyOfValue(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (ctxt.getAttribute(CHUNK_RUN_ID) instanceof String chunkRunId) {
      runId = chunkRunId;
    }
    if (ctxt.getAttribute(CHUNK_CREATED_AT) instanceof Long chunkCreatedAt) {
      createdAt = chunkCreatedAt;
    }
    if (taskId == null) {
      throw missing(p, "taskId");
    }
    if (createdAt == null) {
      throw missing(p, "createdAtEpochMs");
    }
    if (kindName == null) {
      throw invalid(p, new InvalidMessageException("task has no kind (" + served() + ")"));
    }
    TaskKind<?> kind = kind(p, kindName);
    if (pending != null) {
      try (JsonParser buffered = pending.asParser(p.getCodec())) {
        buffered.nextToken();
        params = bind(buffered, ctxt, kind);
      }
    }
    try {
      if (params != null) {
        KindCalls.validate(kind, params, Limits.unlimited());
      }
      return new Task(runId, taskId, kindName, params, createdAt);
    } catch (InvalidMessageException e) {
      throw invalid(p, e);
    }
  }

  private TaskKind<?> kind(JsonParser p, String name) throws JsonMappingException {
    return kinds
        .find(name)
        .orElseThrow(
            () ->
                invalid(
                    p,
                    new InvalidMessageException(
                        "unknown task kind '" + name + "' (" + served() + ")")));
  }

  private String served() {
    return "this worker serves " + String.join(", ", kinds.names());
  }

  private Record bind(JsonParser p, DeserializationContext ctxt, TaskKind<?> kind)
      throws IOException {
    try {
      return (Record) paramsDeserializer(ctxt, kind.paramsType()).deserialize(p, ctxt);
    } catch (JsonMappingException e) {
      e.prependPath(Task.class, "params");
      throw e;
    }
  }

  private JsonDeserializer<Object> paramsDeserializer(DeserializationContext ctxt, Class<?> type)
      throws JsonMappingException {
    JsonDeserializer<Object> known = paramsDeserializers.get(type);
    if (known != null) {
      return known;
    }
    JsonDeserializer<Object> found = ctxt.findRootValueDeserializer(ctxt.constructType(type));
    paramsDeserializers.putIfAbsent(type, found);
    return found;
  }

  private static String text(JsonParser p, JsonToken token, String field) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw wrongType(p, field);
    }
    return p.getText();
  }

  private static Long number(JsonParser p, JsonToken token, String field) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw wrongType(p, field);
    }
    return p.getLongValue();
  }

  private static JsonMappingException wrongType(JsonParser p, String field) {
    MismatchedInputException e =
        MismatchedInputException.from(p, Task.class, "field '" + field + "' has the wrong type");
    e.prependPath(Task.class, field);
    return e;
  }

  private static JsonMappingException missing(JsonParser p, String field) {
    MismatchedInputException e =
        MismatchedInputException.from(p, Task.class, "field '" + field + "' is missing");
    e.prependPath(Task.class, field);
    return e;
  }

  private static JsonMappingException invalid(JsonParser p, InvalidMessageException e) {
    return JsonMappingException.from(p, e.getMessage(), e);
  }
}
