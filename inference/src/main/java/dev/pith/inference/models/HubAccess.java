package dev.pith.inference.models;

import java.net.ProxySelector;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How Pith reaches Hugging Face (or a mirror of it) from this machine.
 *
 * @param endpoint the hub's base URL: {@code PITH_HF_ENDPOINT}, else {@code https://huggingface.co}
 * @param token an access token ({@code HF_TOKEN}) or null; sent only to the endpoint's own host, never to the
 *     CDN it redirects to nor to a file's own URL elsewhere
 * @param proxy where connections go: {@code HTTPS_PROXY} / {@code HTTP_PROXY} (and {@code NO_PROXY}) from the
 *     environment, else the JVM's default selector
 */
public record HubAccess(URI endpoint, String token, ProxySelector proxy) {
  public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

  public HubAccess {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(proxy, "proxy");
    if (token != null && token.isBlank()) {
      token = null;
    }
  }

  /**
   * Reads {@code PITH_HF_ENDPOINT}, {@code HF_TOKEN} and the proxy variables.
   *
   * @throws IllegalArgumentException when {@code PITH_HF_ENDPOINT} or a proxy variable is not an http(s) URL
   */
  public static HubAccess fromEnvironment(Map<String, String> environment) {
    String endpoint = environment.get("PITH_HF_ENDPOINT");
    URI uri = DEFAULT_ENDPOINT;
    if (endpoint != null && !endpoint.isBlank()) {
      uri = URI.create(endpoint.strip().replaceAll("/+$", ""));
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("PITH_HF_ENDPOINT must be an http(s) URL, got '" + endpoint + "'");
      }
    }
    return new HubAccess(uri, environment.get("HF_TOKEN"), EnvProxySelector.fromEnvironment(environment));
  }

  /** True when {@code uri} is on the endpoint's host (same scheme, host and port): the token may go there. */
  boolean isHub(URI uri) {
    return Objects.equals(lower(uri.getScheme()), lower(endpoint.getScheme()))
        && Objects.equals(lower(uri.getHost()), lower(endpoint.getHost()))
        && port(uri) == port(endpoint);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
