package io.taskfleet.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import io.taskfleet.common.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The codecs the project knows, by name. */
public final class Codecs {

  public static final String DEFAULT = "json";

  private Codecs() {}

  public static List<String> names() {
    return List.of("json");
  }

  public static Codec byName(String name) {
    return byName(name, JacksonCodec.DEFAULT_MAX_BODY_BYTES);
  }

  public static Codec byName(String name, int maxBodyBytes) {
    return switch (name) {
      case "json" -> new JacksonCodec("json", "application/json", new JsonFactory(), maxBodyBytes);
      default -> throw new ConfigException(
          "unknown codec '" + name + "'; use one of " + String.join(", ", names()));
    };
  }

  /**
   * Every known codec by AMQP content type, built once: an {@code ObjectMapper} is costly to
   * create and meant to be shared.
   */
  public static Map<String, Codec> byContentType(int maxBodyBytes) {
    Map<String, Codec> codecs = new HashMap<>();
    for (String name : names()) {
      Codec codec = byName(name, maxBodyBytes);
      codecs.put(codec.contentType(), codec);
    }
    return Map.copyOf(codecs);
  }

  /** The codec for a message's content type (JSON when it names none), or null if unknown. */
  public static Codec forContentType(Map<String, Codec> codecs, String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return codecs.get("application/json");
    }
    return codecs.get(contentType);
  }
}
