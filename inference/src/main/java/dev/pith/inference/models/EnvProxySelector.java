package dev.pith.inference.models;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy conventions of curl and pip, which the JVM does not read: {@code https_proxy} / {@code HTTPS_PROXY}
 * for https URLs, {@code http_proxy} / {@code HTTP_PROXY} for http URLs, and {@code no_proxy} / {@code NO_PROXY}
 * (comma-separated host names or suffixes, {@code *} for all) for hosts reached directly. A URL whose variable is
 * not set goes through the JVM's default selector (its {@code https.proxyHost} properties).
 */
final class EnvProxySelector extends ProxySelector {
  private final Proxy https;
  private final Proxy http;
  private final List<String> noProxy;
  private final ProxySelector fallback;

  private EnvProxySelector(Proxy https, Proxy http, List<String> noProxy, ProxySelector fallback) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
    this.fallback = fallback;
  }

  static ProxySelector fromEnvironment(Map<String, String> env) {
    ProxySelector fallback = ProxySelector.getDefault() != null ? ProxySelector.getDefault()
        : ProxySelector.of(null);
    Proxy https = proxy(env, "https_proxy", "HTTPS_PROXY");
    Proxy http = proxy(env, "http_proxy", "HTTP_PROXY");
    List<String> noProxy = new ArrayList<>();
    String list = first(env, "no_proxy", "NO_PROXY");
    if (list != null) {
      for (String host : list.split(",")) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (!h.isEmpty()) {
          noProxy.add(h.startsWith(".") ? h.substring(1) : h);
        }
      }
    }
    return new EnvProxySelector(https, http, List.copyOf(noProxy), fallback);
  }

  @Override
  public List<Proxy> select(URI uri) {
    Proxy chosen = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (chosen == null) {
      return fallback.select(uri);
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    for (String skip : noProxy) {
      if (skip.equals("*") || host.equals(skip) || host.endsWith("." + skip)) {
        return List.of(Proxy.NO_PROXY);
      }
    }
    return List.of(chosen);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // Nothing to learn: the download reports the failure and retries.
  }

  private static Proxy proxy(Map<String, String> env, String lower, String upper) {
    String value = first(env, lower, upper);
    if (value == null) {
      return null;
    }
    URI uri = URI.create(value.contains("://") ? value : "http://" + value);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(upper + " must be a proxy URL like http://host:port, got '" + value + "'");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
  }

  private static String first(Map<String, String> env, String lower, String upper) {
    String value = env.get(lower);
    if (value == null || value.isBlank()) {
      value = env.get(upper);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
