package dev.pith.app.cloud;

import dev.pith.inference.cloud.CloudEndpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud escalation as set (DESIGN.md "Cloud escalation"), kept as JSON under {@link CloudStore#CLOUD}:
 * <pre>{"enabled": false, "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini"}</pre>
 * Off by default; on, it still needs a base URL, a model and an API key ({@link ApiKeyStore}), and it is never on in
 * kiosk mode.
 *
 * @param enabled the user turned it on
 * @param baseUrl an OpenAI-compatible API's base URL (before {@code /chat/completions}); empty when not set
 * @param model the model asked there; empty when not set
 */
public record CloudSettings(boolean enabled, String baseUrl, String model) {
  public static final CloudSettings DEFAULT = new CloudSettings(false, "", "");

  public CloudSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
  }

  /** Where questions go, when both the base URL and the model are set (and the URL is one). */
  public Optional<CloudEndpoint> endpoint() {
    if (baseUrl.isBlank() || model.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CloudEndpoint(CloudEndpoint.parseBaseUrl(baseUrl), model));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public CloudSettings withEnabled(boolean e) {
    return new CloudSettings(e, baseUrl, model);
  }

  public CloudSettings withBaseUrl(String url) {
    return new CloudSettings(enabled, url, model);
  }

  public CloudSettings withModel(String m) {
    return new CloudSettings(enabled, baseUrl, m);
  }
}
