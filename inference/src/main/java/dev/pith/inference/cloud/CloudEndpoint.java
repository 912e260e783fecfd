package dev.pith.inference.cloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a question escalated to the cloud goes: an OpenAI-compatible API's base URL (the part before
 * {@code /chat/completions}, e.g. {@code https://api.openai.com/v1}) and the model asked there.
 *
 * @param baseUrl http or https with a host, no query or fragment; kept without a trailing slash
 * @param model the model name the server knows, e.g. {@code gpt-4o-mini}
 */
public record CloudEndpoint(URI baseUrl, String model) {
  public CloudEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    baseUrl = checked(baseUrl);
    if (model.isBlank()) {
      throw new IllegalArgumentException("the cloud model name is empty");
    }
    model = model.strip();
  }

  /** {@code text} read as a base URL, with the same checks. */
  public static URI parseBaseUrl(String text) {
    try {
      return checked(new URI(text.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: \"" + text.strip() + "\"", e);
    }
  }

  private static URI checked(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("a cloud base URL starts with https:// (or http://), e.g. "
          + "https://api.openai.com/v1; got \"" + url + "\"");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      throw new IllegalArgumentException("a cloud base URL names a host, e.g. https://api.openai.com/v1; got \""
          + url + "\"");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("a cloud base URL has no user name, query or fragment (the API key is set "
          + "apart): \"" + url.getScheme() + "://" + url.getHost() + "...\"");
    }
    return URI.create(url.toString().replaceAll("/+$", ""));
  }

  /** Where the chat request is posted: {@code {baseUrl}/chat/completions}. */
  public URI chatUrl() {
    return URI.create(baseUrl + "/chat/completions");
  }

  /** The host, with its port when the URL names one: how messages and the audit name the receiver. */
  public String host() {
    return baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
  }
}
