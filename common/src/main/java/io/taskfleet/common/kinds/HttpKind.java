package io.taskfleet.common.kinds;

import io.taskfleet.api.InvalidTaskException;
import io.taskfleet.api.Limits;
import io.taskfleet.api.TaskContext;
import io.taskfleet.api.TaskKind;
import io.taskfleet.api.TaskValue;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.compute.Computation;
import io.taskfleet.common.compute.HttpFetcher;
import io.taskfleet.common.text.Bounded;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http}: the seed's image download. GETs a URL, streaming; the value is the byte count and
 * the digest the body's SHA-256. Its value depends on the server, so none is expected.
 */
public final class HttpKind implements TaskKind<HttpParams> {

  public static final String NAME = "http";

  /** The longest URL accepted. */
  public static final int MAX_URL_LENGTH = 2_048;

  public static final String HTTP_TIMEOUT_MS = "http-timeout-ms";
  public static final String MAX_HTTP_BYTES = "max-http-bytes";

  // One client per (timeout, size limit): built on first use, since a client starts a selector
  // thread that workers without http tasks do not need.
  private final Map<String, HttpFetcher> fetchers = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<HttpParams> paramsType() {
    return HttpParams.class;
  }

  @Override
  public void validate(HttpParams params, Limits limits) {
    String url = params.url();
    if (url == null || url.isBlank()) {
      throw new InvalidTaskException("http task needs params.url");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new InvalidTaskException(
          "params.url is "
              + url.length()
              + " characters long, over the limit of "
              + MAX_URL_LENGTH);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidTaskException(
          "params.url is not a URL: " + Bounded.text(e.getMessage(), 300));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new InvalidTaskException(
          "params.url must be an http(s) URL with a host, was '"
              + Bounded.text(BrokerUrl.redact(url), 300)
              + "'");
    }
  }

  @Override
  public TaskValue compute(HttpParams params, TaskContext context) {
    long timeoutMs = context.limits().get(HTTP_TIMEOUT_MS, HttpFetcher.DEFAULT_TIMEOUT.toMillis());
    long maxBytes = context.limits().get(MAX_HTTP_BYTES, HttpFetcher.DEFAULT_MAX_BYTES);
    HttpFetcher fetcher =
        fetchers.computeIfAbsent(
            timeoutMs + "/" + maxBytes,
            k -> new HttpFetcher(Duration.ofMillis(timeoutMs), maxBytes));
    Computation c = fetcher.fetch(params.url());
    return new TaskValue(c.value(), c.digest());
  }

  @Override
  public Map<String, Long> defaultLimits() {
    return Map.of(
        HTTP_TIMEOUT_MS,
        HttpFetcher.DEFAULT_TIMEOUT.toMillis(),
        MAX_HTTP_BYTES,
        HttpFetcher.DEFAULT_MAX_BYTES);
  }

  @Override
  public boolean ioBound() {
    return true;
  }

  @Override
  public String describe(HttpParams params) {
    return "http GET " + params.url();
  }
}
