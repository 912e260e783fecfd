package dev.pith.inference.hailo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how Pith finds hailo-ollama and the NPU.
 *
 * @param url the server's base URL: {@code --hailo-url}, else {@code PITH_HAILO_URL}, else
 *     {@code http://127.0.0.1:8000}
 * @param sysfsRoot where {@code sys/bus/pci} and {@code dev} are looked for: {@code PITH_SYSFS_ROOT}, else
 *     {@code /} (tests use a folder tree shaped like it)
 * @param environment the process environment; its {@code PATH} is searched for {@code hailo-ollama}
 * @param timeouts how long to wait for the server
 * @param startTimeout how long a hailo-ollama that Pith started may take to answer
 * @param serverLog where a hailo-ollama that Pith starts writes its output (appended); empty to discard it
 * @param tokenizerFolder a model folder with the same model's {@code tokenizer.json} (the CPU twin, when
 *     installed), used to count prompt tokens exactly; empty to estimate them
 */
public record HailoOptions(URI url, Path sysfsRoot, Map<String, String> environment, HailoTimeouts timeouts,
    Duration startTimeout, Optional<Path> serverLog, Optional<Path> tokenizerFolder) {
  public static final String URL_VARIABLE = "PITH_HAILO_URL";
  public static final String ROOT_VARIABLE = "PITH_SYSFS_ROOT";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  public HailoOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sysfsRoot, "sysfsRoot");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(serverLog, "serverLog");
    Objects.requireNonNull(tokenizerFolder, "tokenizerFolder");
  }

  /**
   * Reads {@code PITH_HAILO_URL} and {@code PITH_SYSFS_ROOT}; default timeouts, no server log, no tokenizer.
   *
   * @throws IllegalArgumentException when {@code PITH_HAILO_URL} is not an http URL
   */
  public static HailoOptions fromEnvironment(Map<String, String> environment) {
    String url = environment.get(URL_VARIABLE);
    String root = environment.get(ROOT_VARIABLE);
    return new HailoOptions(
        url == null || url.isBlank() ? HailoClient.DEFAULT_URL : parseUrl(url, URL_VARIABLE),
        Path.of(root == null || root.isBlank() ? "/" : root), environment, HailoTimeouts.DEFAULTS,
        DEFAULT_START_TIMEOUT, Optional.empty(), Optional.empty());
  }

  /**
   * An http URL given by the user.
   *
   * @param from what gave it ({@code --hailo-url}, {@code PITH_HAILO_URL}), named in the message
   * @throws IllegalArgumentException with one line when it is not an http URL with a host
   */
  public static URI parseUrl(String value, String from) {
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(from + " must be an http URL like http://127.0.0.1:8000, got '" + value
          + "'", e);
    }
    if (!"http".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
      throw new IllegalArgumentException(from + " must be an http URL like http://127.0.0.1:8000, got '" + value
          + "'");
    }
    return uri;
  }

  public HailoOptions withUrl(URI other) {
    return new HailoOptions(other, sysfsRoot, environment, timeouts, startTimeout, serverLog, tokenizerFolder);
  }

  public HailoOptions withTimeouts(HailoTimeouts other) {
    return new HailoOptions(url, sysfsRoot, environment, other, startTimeout, serverLog, tokenizerFolder);
  }

  public HailoOptions withStartTimeout(Duration other) {
    return new HailoOptions(url, sysfsRoot, environment, timeouts, other, serverLog, tokenizerFolder);
  }

  public HailoOptions withServerLog(Path file) {
    return new HailoOptions(url, sysfsRoot, environment, timeouts, startTimeout, Optional.of(file), tokenizerFolder);
  }

  public HailoOptions withTokenizerFolder(Path folder) {
    return new HailoOptions(url, sysfsRoot, environment, timeouts, startTimeout, serverLog, Optional.of(folder));
  }
}
