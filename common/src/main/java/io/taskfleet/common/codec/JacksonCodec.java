package io.taskfleet.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskMessage;
import io.taskfleet.common.protocol.TaskMessage.RejectedTask;
import io.taskfleet.common.protocol.TaskResult;
import io.taskfleet.common.text.Bounded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Codec} over any Jackson format. It owns its {@link ObjectMapper}: no polymorphic typing
 * (no class names ever come from the wire), a limit on body size, string length, nesting depth and
 * number length, duplicate keys refused, no floats in integer fields, and validation through the
 * records' constructors.
 *
 * <p>Decoding hostile bytes throws {@link InvalidMessageException} and nothing else, with a message
 * at most {@link #MAX_REASON_CHARS} characters long (plus a short cut marker) and free of control
 * characters, so it can go into a header or a log line as it is.
 */
public final class JacksonCodec implements Codec {

  /** Largest body accepted, in bytes, unless configured otherwise. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** Longest reason a decoding error gives, before the cut marker. */
  public static final int MAX_REASON_CHARS = 500;

  /** Deepest nesting accepted; a task is three levels deep. */
  static final int MAX_NESTING_DEPTH = 32;

  private final String name;
  private final String contentType;
  private final int maxBodyBytes;
  private final ObjectReader taskReader;
  private final ObjectReader resultReader;
  private final ObjectReader taskInBodyReader;
  private final ObjectWriter writer;
  private final ObjectReader treeReader;
  private final ObjectMapper mapper;

  /** The longest reason kept for a rejected task of a chunk. */
  private static final int MAX_REASON = 300;

  public JacksonCodec(String name, String contentType, JsonFactory factory, int maxBodyBytes) {
    this(name, contentType, factory, maxBodyBytes, KindRegistry.builtIn());
  }

  /** A codec whose tasks may be of any kind in {@code kinds}. */
  public JacksonCodec(
      String name, String contentType, JsonFactory factory, int maxBodyBytes, KindRegistry kinds) {
    this.name = name;
    this.contentType = contentType;
    this.maxBodyBytes = maxBodyBytes;
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxStringLength(maxBodyBytes)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(64)
            .build());
    // Last-one-wins would let two readers of one body see two different tasks.
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    ObjectMapper mapper =
        new ObjectMapper(factory)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .registerModule(TaskDeserializer.module(kinds));
    this.mapper = mapper;
    this.taskReader = mapper.readerFor(Task.class);
    this.resultReader = mapper.readerFor(TaskResult.class);
    // A reader of one value inside a larger body: what follows it is the caller's to check.
    this.taskInBodyReader = taskReader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.writer = mapper.writer();
    this.treeReader = mapper.reader();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String contentType() {
    return contentType;
  }

  @Override
  public byte[] encodeTask(Task task) {
    return write(task);
  }

  @Override
  public Task decodeTask(byte[] body) {
    return read(taskReader, body, "task");
  }

  @Override
  public byte[] encodeChunk(List<Task> tasks) {
    if (tasks.isEmpty() || tasks.size() > TaskMessage.MAX_CHUNK_TASKS) {
      throw new IllegalArgumentException(
          "a chunk holds 1.." + TaskMessage.MAX_CHUNK_TASKS + " tasks, not " + tasks.size());
    }
    Task first = tasks.get(0);
    return generate(
        64 + 64 * tasks.size(),
        "a chunk",
        g -> {
          g.writeStartObject();
          g.writeStringField("runId", first.runId());
          g.writeNumberField("createdAtEpochMs", first.createdAtEpochMs());
          g.writeArrayFieldStart("tasks");
          for (Task task : tasks) {
            if (!task.runId().equals(first.runId())) {
              throw new IllegalArgumentException("a chunk holds tasks of one run");
            }
            g.writeStartObject();
            g.writeNumberField("taskId", task.taskId());
            g.writeStringField("kind", task.kind());
            g.writeObjectField("params", task.params());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** What writes a body to its generator. */
  @FunctionalInterface
  private interface BodyWriter {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * The body {@code body} writes, into segments that grow without copying (the first of about
   * {@code sizeHint} bytes, at most 64 KiB) and are copied once at the end.
   */
  private byte[] generate(int sizeHint, String what, BodyWriter body) {
    ByteArrayBuilder out = new ByteArrayBuilder(Math.min(sizeHint, 1 << 16));
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new FleetException("cannot encode " + what, e);
    }
    return out.toByteArray();
  }

  @Override
  public TaskMessage decodeTaskMessage(byte[] body) {
    checkSize(body, "task");
    TaskMessage streamed = streamChunk(body);
    return streamed != null ? streamed : decodeTaskMessageAsTree(body);
  }

  /**
   * The fast path for a well-formed chunk as {@link #encodeChunk} writes it (run id and creation
   * time before the tasks, every task valid): its tasks bound straight from the parser. Null for
   * anything else, which {@link #decodeTaskMessageAsTree} then reads, so every error and every
   * rejected task is reported exactly as there.
   */
  TaskMessage streamChunk(byte[] body) {
    try (JsonParser p = mapper.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || !"runId".equals(p.nextFieldName())
          || p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String runId = p.getText();
      Long created = null;
      String field = p.nextFieldName();
      if ("createdAtEpochMs".equals(field)) {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
          return null;
        }
        created = p.getLongValue();
        field = p.nextFieldName();
      }
      if (runId.isBlank() || !"tasks".equals(field) || p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      ObjectReader reader = taskInBodyReader.withAttribute(TaskDeserializer.CHUNK_RUN_ID, runId);
      if (created != null) {
        reader = reader.withAttribute(TaskDeserializer.CHUNK_CREATED_AT, created);
      }
      List<Task> tasks = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        if (tasks.size() == TaskMessage.MAX_CHUNK_TASKS) {
          return null;
        }
        tasks.add(reader.readValue(p));
      }
      if (p.currentToken() != JsonToken.END_ARRAY
          || tasks.isEmpty()
          || p.nextToken() != JsonToken.END_OBJECT
          || p.nextToken() != null) {
        return null;
      }
      return new TaskMessage(runId, true, tasks, List.of());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private TaskMessage decodeTaskMessageAsTree(byte[] body) {
    JsonNode tree = readTree(body, "task");
    JsonNode tasks = tree.get("tasks");
    if (tasks == null) {
      Task single = bind(taskReader, tree, "task");
      return TaskMessage.single(single);
    }
    if (!tasks.isArray() || tasks.isEmpty() || tasks.size() > TaskMessage.MAX_CHUNK_TASKS) {
      throw new InvalidMessageException(
          "a chunk's 'tasks' must be an array of 1.." + TaskMessage.MAX_CHUNK_TASKS + " tasks");
    }
    JsonNode runId = tree.get("runId");
    if (runId == null || !runId.isTextual() || runId.asText().isBlank()) {
      throw new InvalidMessageException("chunk has no runId");
    }
    JsonNode created = tree.get("createdAtEpochMs");
    List<Task> valid = new ArrayList<>(tasks.size());
    List<RejectedTask> rejected = new ArrayList<>();
    for (JsonNode element : tasks) {
      JsonNode taskId = element.get("taskId");
      if (!element.isObject() || taskId == null || !taskId.canConvertToLong()) {
        throw new InvalidMessageException("every task of a chunk needs an integer taskId");
      }
      ObjectNode task = ((ObjectNode) element).deepCopy();
      task.set("runId", runId);
      if (created != null) {
        task.set("createdAtEpochMs", created);
      }
      try {
        Task bound = bind(taskReader, task, "task");
        valid.add(bound);
      } catch (InvalidMessageException e) {
        rejected.add(new RejectedTask(taskId.asLong(), Bounded.text(e.getMessage(), MAX_REASON)));
      }
    }
    return new TaskMessage(runId.asText(), true, valid, rejected);
  }

  @Override
  public byte[] encodeResults(List<TaskResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a results message holds at least one result");
    }
    return generate(
        300 * results.size(),
        "results",
        g -> {
          g.writeStartObject();
          g.writeStringField("runId", results.get(0).runId());
          g.writeArrayFieldStart("results");
          for (TaskResult result : results) {
            ResultFields.write(g, result);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  @Override
  public List<TaskResult> decodeResults(byte[] body) {
    checkSize(body, "result");
    List<TaskResult> streamed = streamResults(body);
    return streamed != null ? streamed : decodeResultsAsTree(body);
  }

  /**
   * The fast path for results as {@link #encodeResults} and {@link #encodeResult} write them, read
   * by {@link ResultFields}. Null for anything else or anything invalid, which {@link
   * #decodeResultsAsTree} then reads, so every error is reported exactly as there. {@link
   * ResultFields} refuses a field it sees twice and every field it does not know, and the envelope
   * is read field by field, so this parser leaves duplicate detection off.
   */
  List<TaskResult> streamResults(byte[] body) {
    try (JsonParser p = fastParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || !"runId".equals(p.nextFieldName())
          || p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      if (!"results".equals(p.nextFieldName())) {
        return streamSingleResult(body);
      }
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<TaskResult> results = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        TaskResult result = ResultFields.read(p);
        if (result == null) {
          return null;
        }
        results.add(result);
      }
      if (p.currentToken() != JsonToken.END_ARRAY
          || results.isEmpty()
          || p.nextToken() != JsonToken.END_OBJECT
          || p.nextToken() != null) {
        return null;
      }
      return results;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private List<TaskResult> streamSingleResult(byte[] body) throws IOException {
    try (JsonParser p = fastParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      TaskResult result = ResultFields.read(p);
      return result == null || p.nextToken() != null ? null : List.of(result);
    }
  }

  private JsonParser fastParser(byte[] body) throws IOException {
    JsonParser p = mapper.getFactory().createParser(body);
    p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return p;
  }

  /** Results read through the tree and data binding: every shape, every error in its words. */
  List<TaskResult> decodeResultsAsTree(byte[] body) {
    JsonNode tree = readTree(body, "result");
    JsonNode results = tree.get("results");
    if (results == null) {
      TaskResult single = bind(resultReader, tree, "result");
      return List.of(single);
    }
    if (!results.isArray() || results.isEmpty()) {
      throw new InvalidMessageException("a results message needs a non-empty 'results' array");
    }
    List<TaskResult> decoded = new ArrayList<>(results.size());
    for (JsonNode element : results) {
      TaskResult result = bind(resultReader, element, "result");
      decoded.add(result);
    }
    return decoded;
  }

  private JsonNode readTree(byte[] body, String what) {
    checkSize(body, what);
    try {
      JsonNode tree = treeReader.readTree(body);
      if (tree == null || !tree.isObject()) {
        throw new InvalidMessageException("not a valid " + what + ": not an object");
      }
      return tree;
    } catch (IOException e) {
      throw new InvalidMessageException("not " + name + ": " + originalMessage(e), e);
    }
  }

  private static <T> T bind(ObjectReader reader, JsonNode tree, String what) {
    try {
      return reader.readValue(tree);
    } catch (JsonMappingException e) {
      throw new InvalidMessageException("not a valid " + what + ": " + rootMessage(e), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidMessageException("not a valid " + what + ": " + e.getMessage(), e);
    }
  }

  private void checkSize(byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw new InvalidMessageException("empty body is not a " + what);
    }
    if (body.length > maxBodyBytes) {
      throw new InvalidMessageException(
          "body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
    }
  }

  @Override
  public byte[] encodeResult(TaskResult result) {
    return generate(320, "a result", g -> ResultFields.write(g, result));
  }

  @Override
  public TaskResult decodeResult(byte[] body) {
    return read(resultReader, body, "result");
  }

  @Override
  public Optional<TaskRef> peekTaskRef(byte[] body) {
    if (body == null || body.length == 0 || body.length > maxBodyBytes) {
      return Optional.empty();
    }
    try {
      JsonNode tree = treeReader.readTree(body);
      JsonNode runId = tree == null ? null : tree.get("runId");
      JsonNode taskId = tree == null ? null : tree.get("taskId");
      if (runId != null
          && runId.isTextual()
          && !runId.asText().isBlank()
          && taskId != null
          && taskId.canConvertToLong()
          && taskId.asLong() >= 0) {
        return Optional.of(new TaskRef(runId.asText(), taskId.asLong()));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // Only a courtesy to the sender: whatever goes wrong, there is simply no reference.
      return Optional.empty();
    }
  }

  /** The value as data binding writes it. */
  byte[] write(Object value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new FleetException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(ObjectReader reader, byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw new InvalidMessageException("empty body is not a " + what);
    }
    if (body.length > maxBodyBytes) {
      throw new InvalidMessageException(
          "body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes + " bytes");
    }
    T value;
    try {
      value = reader.readValue(body);
    } catch (JsonMappingException e) {
      // Jackson's own exceptions are left out as causes: their messages quote the input.
      throw invalid("not a valid " + what + ": " + rootMessage(e));
    } catch (IOException e) {
      throw invalid("not " + name + ": " + originalMessage(e));
    } catch (InvalidMessageException e) {
      throw invalid(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // Not expected from a parser with limits, but hostile bytes must never escape as anything
      // else: the caller dead-letters an InvalidMessageException, and a bug shows in its cause.
      throw new InvalidMessageException(
          Bounded.text(
              "not a valid " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
              MAX_REASON_CHARS),
          e);
    }
    if (value == null) {
      // A body of just "null" binds to no object at all.
      throw new InvalidMessageException("null is not a " + what);
    }
    return value;
  }

  private static InvalidMessageException invalid(String reason) {
    return new InvalidMessageException(Bounded.text(reason, MAX_REASON_CHARS));
  }

  private static String rootMessage(JsonMappingException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof InvalidMessageException) {
      return cause.getMessage();
    }
    if (e instanceof MismatchedInputException && !e.getPath().isEmpty()) {
      return "field '" + path(e) + "' is missing or has the wrong type";
    }
    return e.getOriginalMessage();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
  }
}
