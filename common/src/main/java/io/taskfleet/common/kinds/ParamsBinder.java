package io.taskfleet.common.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.api.TaskKind;
import java.util.Map;

/**
 * Binds a kind's params record from what a user typed: {@code --param name=value} pairs (text,
 * coerced by Jackson to the record's numbers and booleans) or a line of a tasks file. Owns its
 * {@link ObjectMapper}, configured as the codec's: no polymorphic typing, unknown fields ignored.
 */
public final class ParamsBinder {

  private final ObjectMapper mapper =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** One task of a tasks file: its kind and its params. */
  public record Line(TaskKind<?> kind, Record params) {}

  /**
   * The kind's params record from named values; names the record lacks are ignored.
   *
   * @throws IllegalArgumentException saying which value does not fit
   */
  public Record bind(TaskKind<?> kind, Map<String, ?> values) {
    try {
      return mapper.convertValue(values, kind.paramsType());
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof JsonMappingException)) {
        cause = cause.getCause();
      }
      String why = cause instanceof JsonMappingException m ? reason(m) : firstLine(e.getMessage());
      throw new IllegalArgumentException(
          "params of kind '"
              + kind.name()
              + "' do not fit "
              + kind.paramsType().getSimpleName()
              + ": "
              + why,
          e);
    }
  }

  /**
   * One JSON Lines task, {@code {"kind":"cpu","params":{"iterations":1000}}}, with a kind from
   * {@code kinds}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public Line parseLine(String json, KindRegistry kinds) {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + firstLine(e.getOriginalMessage()), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode kindName = node.get("kind");
    if (kindName == null || !kindName.isTextual()) {
      throw new IllegalArgumentException("no \"kind\" (a string)");
    }
    TaskKind<?> kind =
        kinds
            .find(kindName.asText())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown kind '"
                            + kindName.asText()
                            + "' (known: "
                            + String.join(", ", kinds.names())
                            + ")"));
    JsonNode params = node.get("params");
    if (params == null || !params.isObject()) {
      throw new IllegalArgumentException("no \"params\" (an object)");
    }
    try {
      return new Line(kind, mapper.treeToValue(params, kind.paramsType()));
    } catch (JsonProcessingException e) {
      String why =
          e instanceof JsonMappingException m ? reason(m) : firstLine(e.getOriginalMessage());
      throw new IllegalArgumentException("params do not fit kind '" + kind.name() + "': " + why, e);
    }
  }

  // Which field, when Jackson knows: its own message names Java types, not the user's input.
  private static String reason(JsonMappingException e) {
    String field =
        e.getPath().stream()
            .map(JsonMappingException.Reference::getFieldName)
            .filter(java.util.Objects::nonNull)
            .reduce((a, b) -> a + "." + b)
            .orElse(null);
    return field == null
        ? firstLine(e.getOriginalMessage())
        : "field '" + field + "' is missing or has the wrong type";
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
