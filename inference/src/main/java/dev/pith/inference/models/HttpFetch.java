package dev.pith.inference.models;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Opens one download request: follows redirects itself, so that the Hugging Face token goes only to the hub's
 * host (never to the CDN it redirects to) and the LFS headers of the hub's answer ({@code X-Linked-Etag}: the
 * file's SHA-256; {@code X-Linked-Size}) are seen; and sorts failures into worth-retrying and final.
 */
final class HttpFetch {
  private static final int MAX_REDIRECTS = 8;
  private static final long POLL_MILLIS = 50;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final DownloadSettings settings;
  private final HttpClient client;

  HttpFetch(DownloadSettings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.connectTimeout())
        .proxy(settings.hub().proxy())
        .build();
  }

  /**
   * An answer with a body to read (200, 206 or 416).
   *
   * @param status the HTTP status
   * @param uri where the body comes from, after redirects
   * @param headers the final response's headers
   * @param body the body, flowing
   * @param sha256 the file's SHA-256 as the hub states it (an LFS ETag), or null
   * @param linkedSize the file's size as the hub states it, or -1
   */
  record Opened(int status, URI uri, HttpHeaders headers, BodyQueue body, String sha256, long linkedSize) {}

  /**
   * Requests {@code url} from byte {@code from} on ({@code Range: bytes=from-} when from > 0).
   *
   * @throws AttemptFailure RETRY for network trouble, a stall and 408/429/5xx; FATAL for other 4xx and
   *     broken redirects; CANCELLED when {@code cancel} was flipped while waiting
   */
  Opened open(URI url, long from, CancellationToken cancel) throws AttemptFailure {
    URI current = url;
    String sha = null;
    long linkedSize = -1;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
          send(request(current, from), cancel);
      BodyQueue body = new BodyQueue();
      response.body().subscribe(body);
      HttpHeaders headers = response.headers();
      if (sha == null) {
        sha = sha256(headers.firstValue("X-Linked-Etag").orElse(null));
      }
      if (linkedSize < 0) {
        linkedSize = headers.firstValueAsLong("X-Linked-Size").orElse(-1);
      }
      int status = response.statusCode();
      if (status == 200 || status == 206 || status == 416) {
        if (sha == null) {
          sha = sha256(headers.firstValue("ETag").orElse(null));
        }
        return new Opened(status, current, headers, body, sha, linkedSize);
      }
      body.cancel();
      if (status >= 300 && status < 400 && headers.firstValue("Location").isPresent()) {
        current = redirect(current, headers.firstValue("Location").get());
        continue;
      }
      throw failure(status, current);
    }
    throw AttemptFailure.fatal("more than " + MAX_REDIRECTS + " redirects from " + url);
  }

  private HttpRequest request(URI uri, long from) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(settings.stallTimeout())
        .header("User-Agent", "pith")
        .header("Accept-Encoding", "identity");
    if (from > 0) {
      builder.header("Range", "bytes=" + from + "-");
    }
    String token = settings.hub().token();
    if (token != null && settings.hub().isHub(uri)) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(
      HttpRequest request, CancellationToken cancel) throws AttemptFailure {
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
    String host = request.uri().getHost();
    try {
      while (true) {
        if (cancel.isCancelled()) {
          future.cancel(true);
          throw AttemptFailure.cancelled();
        }
        try {
          return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWaiting) {
          // Loop: the request's own timeouts end the wait; this only lets a cancel through.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw AttemptFailure.cancelled();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpConnectTimeoutException) {
        throw AttemptFailure.retry("cannot connect to " + host + ": no answer within "
            + seconds(settings.connectTimeout().toMillis()), cause);
      }
      if (cause instanceof HttpTimeoutException) {
        throw AttemptFailure.retry("stalled: " + host + " sent no response within "
            + seconds(settings.stallTimeout().toMillis()), cause);
      }
      if (cause instanceof ConnectException) {
        throw AttemptFailure.retry("cannot connect to " + host + ": " + OneLine.of(cause.getMessage()), cause);
      }
      if (cause instanceof IOException) {
        throw AttemptFailure.retry("connection to " + host + " failed: " + OneLine.of(cause.getMessage()), cause);
      }
      throw AttemptFailure.fatal("request to " + host + " failed: " + OneLine.of(String.valueOf(cause)), cause);
    }
  }

  private static URI redirect(URI from, String location) throws AttemptFailure {
    try {
      URI next = from.resolve(location);
      String scheme = String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw AttemptFailure.fatal(from.getHost() + " redirected to a non-http URL: " + location);
      }
      return next;
    } catch (IllegalArgumentException e) {
      throw AttemptFailure.fatal(from.getHost() + " redirected to a malformed URL: " + location, e);
    }
  }

  private AttemptFailure failure(int status, URI uri) {
    String what = "HTTP " + status + " from " + uri;
    if (status == 404) {
      return AttemptFailure.fatal("not found (" + what + ")");
    }
    if (status == 401 || status == 403) {
      String hint = settings.hub().isHub(uri) && settings.hub().token() == null
          ? "; the model may need a Hugging Face token: set HF_TOKEN" : "";
      return AttemptFailure.fatal("access denied (" + what + ")" + hint);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return AttemptFailure.retry("server error (" + what + ")");
    }
    return AttemptFailure.fatal("unexpected answer (" + what + ")");
  }

  /** A SHA-256 from an ETag header ({@code "hex"}, {@code W/"hex"}), or null when the tag is something else. */
  static String sha256(String etag) {
    if (etag == null) {
      return null;
    }
    String tag = etag.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "").toLowerCase(Locale.ROOT);
    return SHA256.matcher(tag).matches() ? tag : null;
  }

  static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
