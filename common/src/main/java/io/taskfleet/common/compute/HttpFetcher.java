package io.taskfleet.common.compute;

import io.taskfleet.common.FleetException;
import io.taskfleet.common.broker.BrokerUrl;
import io.taskfleet.common.text.Bounded;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a URL and returns its size and SHA-256, streaming, so a large body never sits in
 * memory. One {@link HttpClient} is shared by every thread (it is thread-safe and pools
 * connections); a download longer than {@code maxBytes} or slower than {@code timeout} fails.
 */
public final class HttpFetcher {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final Duration timeout;
  private final long maxBytes;
  private final HttpClient client;

  public HttpFetcher(Duration timeout, long maxBytes) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** GETs the URL; fails on a status other than 2xx, a timeout or a body over the limit. */
  public Computation fetch(String url) {
    // Errors quote the URL without any password it holds, bounded.
    String shown = BrokerUrl.redact(url);
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() / 100 != 2) {
          throw new FleetException("GET " + shown + " answered HTTP " + response.statusCode());
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
          total += n;
          if (total > maxBytes) {
            throw new FleetException("GET " + shown + " returned more than " + maxBytes + " bytes");
          }
          sha256.update(buffer, 0, n);
        }
        return new Computation(total, HexFormat.of().formatHex(sha256.digest()));
      }
    } catch (IOException e) {
      throw new FleetException("GET " + shown + " failed: " + Bounded.text(e.toString()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FleetException("GET " + shown + " interrupted", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
