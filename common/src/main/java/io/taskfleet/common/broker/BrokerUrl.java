package io.taskfleet.common.broker;

import com.rabbitmq.client.ConnectionFactory;
import io.taskfleet.common.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A parsed {@code amqp://} or {@code amqps://} URL. {@link #toString()} hides the password, so the
 * URL can be logged and printed safely.
 */
public record BrokerUrl(
    boolean tls, String host, int port, String virtualHost, String username, String password) {

  public static final String DEFAULT = "amqp://guest:guest@localhost:5672/%2F";

  public static BrokerUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ConfigException("the broker URL is empty; give one like " + DEFAULT);
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "cannot parse broker URL '"
              + redact(text)
              + "': "
              + e.getReason()
              + "; expected "
              + "amqp://user:password@host:5672/vhost");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    boolean tls;
    switch (scheme) {
      case "amqp" -> tls = false;
      case "amqps" -> tls = true;
      default ->
          throw new ConfigException(
              "broker URL '" + redact(text) + "' must start with amqp:// or amqps://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ConfigException(
          "broker URL '"
              + redact(text)
              + "' names no host; expected amqp://user:password@host:5672/vhost");
    }
    int port = uri.getPort() == -1 ? (tls ? 5671 : 5672) : uri.getPort();
    String username = "guest";
    String password = "guest";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    String rawPath = uri.getRawPath();
    String vhost = "/";
    if (rawPath != null && rawPath.length() > 1) {
      vhost = decode(rawPath.substring(1));
    }
    return new BrokerUrl(tls, uri.getHost(), port, vhost, username, password);
  }

  /** The URL with the password replaced by {@code ****}. */
  public static String redact(String text) {
    return text == null ? "" : text.replaceAll("(?<=://)([^:@/]*):[^@/]*@", "$1:****@");
  }

  /**
   * A new factory pointing at this broker; amqps verifies the server with the JVM's trust store.
   */
  public ConnectionFactory toConnectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(port);
    factory.setVirtualHost(virtualHost);
    factory.setUsername(username);
    factory.setPassword(password);
    if (tls) {
      try {
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        factory.useSslProtocol(context);
        factory.enableHostnameVerification();
      } catch (GeneralSecurityException e) {
        throw new ConfigException(
            "cannot set up TLS with the JVM's trust store: " + e.getMessage());
      }
    }
    return factory;
  }

  @Override
  public String toString() {
    String vhostPart = virtualHost.equals("/") ? "%2F" : virtualHost;
    return (tls ? "amqps" : "amqp")
        + "://"
        + username
        + ":****@"
        + host
        + ":"
        + port
        + "/"
        + vhostPart;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
