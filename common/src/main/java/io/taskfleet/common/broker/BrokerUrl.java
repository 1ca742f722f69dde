package io.taskfleet.common.broker;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import io.taskfleet.common.ConfigException;
import io.taskfleet.common.text.Bounded;
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

  /** {@link #DEFAULT} as help shows it ('%' doubled for picocli's formatting). */
  public static final String DEFAULT_IN_HELP = "amqp://guest:****@localhost:5672/%%2F";

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

  /**
   * Whether every node is on this machine by name ({@code localhost}, {@code 127.x.x.x}, {@code
   * ::1}): then the broker's processes can be watched here. No name is looked up.
   */
  public boolean isLoopback() {
    return nodes.stream()
        .map(Node::host)
        .allMatch(
            h ->
                h.equalsIgnoreCase("localhost")
                    || h.startsWith("127.")
                    || h.equals("::1")
                    || h.equals("[::1]"));
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
    // A raw '@' after the host is almost always a password holding '/' (or '?', '#') that was not
    // percent-encoded: the URL then reads as a host and a path, the password's end as the vhost.
    if (contains(uri.getRawPath(), '@')
        || contains(uri.getRawQuery(), '@')
        || contains(uri.getRawFragment(), '@')) {
      throw new ConfigException(
          "broker URL '"
              + redact(text)
              + "' has an '@' after its host; percent-encode special characters in the user"
              + " name and password ('@' as %40, '/' as %2F, ':' as %3A, '%' as %25)");
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

  /**
   * The URL with the password replaced by {@code ****}, whatever characters it holds ({@code @ / :
   * %}, spaces, non-ASCII), bounded in length and free of control characters; safe for any message.
   * Everything between the first {@code :} after the scheme and the last {@code @} is taken as the
   * password: a raw {@code @} or {@code /} in a password makes the URL ambiguous, and hiding too
   * much is the safe way to be wrong. Without an {@code @}, what follows a {@code :} that is not a
   * port is hidden too ({@code amqp://user:pass/word} with the host forgotten).
   */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    int scheme = text.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int colon = text.indexOf(':', start);
    int at = text.lastIndexOf('@');
    String redacted = text;
    if (at >= start) {
      if (colon >= 0 && colon < at) {
        redacted = text.substring(0, colon + 1) + "****" + text.substring(at);
      }
    } else if (colon >= 0 && !isPort(text, colon + 1) && !inPath(text, start, colon)) {
      redacted = text.substring(0, colon + 1) + "****";
    }
    return Bounded.text(redacted, MAX_SHOWN_CHARS);
  }

  /**
   * Free text (a usage error that echoes an argument, say) with the password of any URL in it
   * hidden as {@link #redact(String)} does, from the first {@code ://} on; text without a URL is
   * returned as it is.
   */
  public static String redactAll(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    int scheme = schemeStart(text, text.indexOf("://"));
    if (scheme < 0) {
      return text;
    }
    out.append(text, 0, scheme);
    // Each URL up to the next one, so a hint such as "expected amqp://user:password@host" after a
    // URL does not swallow the text between them.
    while (scheme >= 0) {
      from = scheme;
      int next = text.indexOf("://", text.indexOf("://", from) + 3);
      int nextScheme = next < 0 ? -1 : schemeStart(text, next);
      int end = nextScheme < 0 ? text.length() : nextScheme;
      out.append(redact(text.substring(from, end)));
      scheme = nextScheme;
    }
    return out.toString();
  }

  private static int schemeStart(String text, int separator) {
    if (separator < 0) {
      return -1;
    }
    int start = separator;
    while (start > 0 && isSchemeChar(text.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  private static boolean isSchemeChar(char c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || c == '+' || c == '-' || c == '.';
  }

  /** How much of a URL an error shows; a real one is far shorter. */
  static final int MAX_SHOWN_CHARS = 300;

  // A ':' after the first '/' past the authority's start is in the path, not a password.
  private static boolean inPath(String text, int start, int colon) {
    int slash = text.indexOf('/', start);
    return slash >= 0 && slash < colon;
  }

  // A port: digits up to the path, the end, a query or a fragment.
  private static boolean isPort(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
      i++;
    }
    return i > from
        && (i == text.length()
            || text.charAt(i) == '/'
            || text.charAt(i) == '?'
            || text.charAt(i) == '#');
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
    return (tls ? "amqps" : "amqp")
        + "://"
        + Bounded.text(username, 100)
        + ":****@"
        + hosts()
        + "/"
        + vhostPart;
  }

  /** The nodes as {@code host:port,host:port}, as written in the URL. */
  public String hosts() {
    return nodes.stream().map(Node::toString).collect(Collectors.joining(","));
  }

  private static boolean contains(String part, char c) {
    return part != null && part.indexOf(c) >= 0;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
