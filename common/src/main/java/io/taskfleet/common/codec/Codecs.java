package io.taskfleet.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import io.taskfleet.api.KindRegistry;
import io.taskfleet.common.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The codecs the project knows, by name: {@code json} (the default, readable) and {@code smile}
 * (Jackson's binary JSON: the same data model, smaller bodies, byte arrays raw instead of base64).
 */
public final class Codecs {

  public static final String DEFAULT = "json";

  /** The content type Jackson's Smile module registers. */
  public static final String SMILE_CONTENT_TYPE = "application/x-jackson-smile";

  /**
   * The codecs that read the built-in kinds, per name and body limit, built once per JVM and shared
   * (a codec is immutable and thread-safe). An {@code ObjectMapper} is costly to create, and each
   * new one works out its (de)serializers again, which kept the JIT compiling Jackson's
   * introspection 15 rounds into a run when every round's client made its own.
   */
  private static final Map<String, Codec> BUILT_IN = new ConcurrentHashMap<>();

  private Codecs() {}

  public static List<String> names() {
    return List.of("json", "smile");
  }

  public static Codec byName(String name) {
    return byName(name, JacksonCodec.DEFAULT_MAX_BODY_BYTES);
  }

  /** The codec {@code name} for the built-in kinds: one shared instance per name and limit. */
  public static Codec byName(String name, int maxBodyBytes) {
    // An unknown name throws here and leaves nothing behind.
    return BUILT_IN.computeIfAbsent(
        name + "/" + maxBodyBytes, key -> byName(name, maxBodyBytes, KindRegistry.builtIn()));
  }

  /** The codec {@code name}, reading tasks of the kinds in {@code kinds}. */
  public static Codec byName(String name, int maxBodyBytes, KindRegistry kinds) {
    return switch (name) {
      case "json" ->
          new JacksonCodec("json", "application/json", new JsonFactory(), maxBodyBytes, kinds);
      case "smile" ->
          new JacksonCodec("smile", SMILE_CONTENT_TYPE, smileFactory(), maxBodyBytes, kinds);
      default ->
          throw new ConfigException(
              "unknown codec '" + name + "'; use one of " + String.join(", ", names()));
    };
  }

  // Binary as raw bytes: the 7-bit form only matters for framing streams of documents, which an
  // AMQP body never is, and it costs an eighth more bytes.
  private static SmileFactory smileFactory() {
    return SmileFactory.builder().disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build();
  }

  /**
   * Every known codec by AMQP content type, reading the built-in kinds; the shared instances of
   * {@link #byName(String, int)}.
   */
  public static Map<String, Codec> byContentType(int maxBodyBytes) {
    return byContentType(name -> byName(name, maxBodyBytes));
  }

  /** As {@link #byContentType(int)}, reading tasks of the kinds in {@code kinds}. */
  public static Map<String, Codec> byContentType(int maxBodyBytes, KindRegistry kinds) {
    return byContentType(name -> byName(name, maxBodyBytes, kinds));
  }

  private static Map<String, Codec> byContentType(Function<String, Codec> byName) {
    Map<String, Codec> codecs = new HashMap<>();
    for (String name : names()) {
      Codec codec = byName.apply(name);
      codecs.put(codec.contentType(), codec);
    }
    return Map.copyOf(codecs);
  }

  /**
   * The codec for a message's content type (JSON when it names none), or null if unknown. The media
   * type is matched without its parameters and case: {@code application/json; charset=utf-8} and
   * {@code APPLICATION/JSON} are JSON (a JSON parser detects UTF-8, -16 and -32 by itself).
   */
  public static Codec forContentType(Map<String, Codec> codecs, String contentType) {
    String mediaType = mediaType(contentType);
    return codecs.get(mediaType.isEmpty() ? "application/json" : mediaType);
  }

  /** {@code " Application/JSON ; charset=utf-8"} → {@code "application/json"}; "" for none. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
