package io.taskfleet.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.common.FleetException;
import io.taskfleet.common.protocol.InvalidMessageException;
import io.taskfleet.common.protocol.Task;
import io.taskfleet.common.protocol.TaskResult;
import java.io.IOException;
import java.util.Optional;

/**
 * A {@link Codec} over any Jackson format. It owns its {@link ObjectMapper}: no polymorphic typing
 * (no class names ever come from the wire), a limit on body size and on string length, and
 * validation through the records' constructors.
 */
public final class JacksonCodec implements Codec {

  /** Largest body accepted, in bytes, unless configured otherwise. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final String name;
  private final String contentType;
  private final int maxBodyBytes;
  private final ObjectReader taskReader;
  private final ObjectReader resultReader;
  private final ObjectWriter writer;
  private final ObjectReader treeReader;

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
            .maxNestingDepth(32)
            .maxNumberLength(64)
            .build());
    ObjectMapper mapper =
        new ObjectMapper(factory)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .registerModule(TaskDeserializer.module(kinds));
    this.taskReader = mapper.readerFor(Task.class);
    this.resultReader = mapper.readerFor(TaskResult.class);
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
  public byte[] encodeResult(TaskResult result) {
    return write(result);
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
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private byte[] write(Object value) {
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
    try {
      return reader.readValue(body);
    } catch (JsonMappingException e) {
      throw new InvalidMessageException("not a valid " + what + ": " + rootMessage(e), e);
    } catch (IOException e) {
      throw new InvalidMessageException("not " + name + ": " + originalMessage(e), e);
    }
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
