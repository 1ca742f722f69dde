package io.taskfleet.common.broker;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import io.taskfleet.common.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A parsed {@code amqp://} or {@code amqps://} URL. {@link #toString()} hides the password, so the
 * URL can be logged and printed safely.
 *
 * <p>The URL may name several nodes of one cluster, comma-separated, each with its own port: {@code
 * amqp://user:password@rabbit1:5672,rabbit2:5672,rabbit3:5672/%2F}. Every node shares the
 * credentials, the virtual host and TLS; the client connects to one of them, picked at random, and
 * to another when that one is lost.
 *
 * @param nodes one or more broker nodes, the first one as written first
 */
public record BrokerUrl(
    boolean tls, List<Node> nodes, String virtualHost, String username, String password) {

  public static final String DEFAULT = "amqp://guest:guest@localhost:5672/%2F";

  /** One node's address. */
  public record Node(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** scheme://, then the authority (user info and hosts, up to the path), then the rest. */
  private static final Pattern PARTS =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)$");

  public BrokerUrl {
    if (nodes == null || nodes.isEmpty()) {
      throw new ConfigException("a broker URL names at least one host");
    }
    nodes = List.copyOf(nodes);
  }

  /** A URL naming one node. */
  public BrokerUrl(
      boolean tls, String host, int port, String virtualHost, String username, String password) {
    this(tls, List.of(new Node(host, port)), virtualHost, username, password);
  }

  /** The first node's host. */
  public String host() {
    return nodes.get(0).host();
  }

  /** The first node's port. */
  public int port() {
    return nodes.get(0).port();
  }

  /** The nodes as the client's addresses, in the order written. */
  public List<Address> addresses() {
    return nodes.stream().map(n -> new Address(n.host(), n.port())).toList();
  }

  public static BrokerUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ConfigException("the broker URL is empty; give one like " + DEFAULT);
    }
    Matcher parts = PARTS.matcher(text.trim());
    if (parts.matches() && parts.group(2).contains(",")) {
      return parseSeveral(text, parts.group(1), parts.group(2), parts.group(3));
    }
    return parseOne(text);
  }

  /** amqp://user:pw@h1:p1,h2:p2/vhost: the first node parsed with the rest of the URL. */
  private static BrokerUrl parseSeveral(String text, String scheme, String authority, String rest) {
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
    String[] hosts = authority.substring(at + 1).split(",", -1);
    BrokerUrl first = parseOne(scheme + userInfo + hosts[0] + rest);
    List<Node> nodes = new ArrayList<>(first.nodes());
    for (int i = 1; i < hosts.length; i++) {
      nodes.add(parseOne(scheme + hosts[i]).nodes().get(0));
    }
    if (nodes.stream().distinct().count() != nodes.size()) {
      throw new ConfigException("broker URL '" + redact(text) + "' names a node twice");
    }
    return new BrokerUrl(
        first.tls(), nodes, first.virtualHost(), first.username(), first.password());
  }

  private static BrokerUrl parseOne(String text) {
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
    factory.setHost(host());
    factory.setPort(port());
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
    return (tls ? "amqps" : "amqp") + "://" + username + ":****@" + hosts() + "/" + vhostPart;
  }

  /** The nodes as {@code host:port,host:port}, as written in the URL. */
  public String hosts() {
    return nodes.stream().map(Node::toString).collect(Collectors.joining(","));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
