package io.taskfleet.common.broker;

import io.taskfleet.common.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the broker URL, and so its credentials, comes from: {@code --amqp-url} / {@code AMQP_URL},
 * or a file named by {@code --amqp-url-file} / {@code AMQP_URL_FILE} (a Docker or Kubernetes
 * secret, say), read once at start. The file wins when both are given, so a secret mounted by the
 * platform is not overridden by a default. Nothing here ever prints the password or the file's
 * contents.
 */
public final class BrokerUrlSource {

  /** Larger than any URL; a bigger file is not a URL file. */
  static final long MAX_FILE_BYTES = 8 * 1024;

  private BrokerUrlSource() {}

  /**
   * @param url the URL from the flag or environment (may be the default)
   * @param file the URL file, or null
   */
  public static BrokerUrl resolve(String url, Path file) {
    return BrokerUrl.parse(effective(url, file));
  }

  /**
   * The URL text in force, password included: the file's when one is given, else {@code url}. For
   * handing on to child processes; never print it.
   */
  public static String effective(String url, Path file) {
    if (file == null) {
      return url;
    }
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(
            "broker URL file "
                + file
                + " is larger than "
                + MAX_FILE_BYTES
                + " bytes: it should hold one amqp:// or amqps:// URL");
      }
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read the broker URL file "
              + file
              + " (--amqp-url-file / "
              + "AMQP_URL_FILE): "
              + e.getClass().getSimpleName());
    }
    if (text.isEmpty()) {
      throw new ConfigException(
          "broker URL file " + file + " is empty; put one URL in it, like " + BrokerUrl.DEFAULT);
    }
    return text;
  }
}
