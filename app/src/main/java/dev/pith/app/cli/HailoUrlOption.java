package dev.pith.app.cli;

import dev.pith.inference.hailo.HailoOptions;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --hailo-url} option of the commands that reach the NPU's server. */
final class HailoUrlOption {
  @Option(names = "--hailo-url", paramLabel = "URL",
      description = "Where hailo-ollama listens (default: $PITH_HAILO_URL, else http://127.0.0.1:8000).")
  private String url;

  /**
   * The NPU options from the environment ({@code PITH_HAILO_URL}, {@code PITH_SYSFS_ROOT}, {@code PATH}), with this
   * option's URL when given.
   *
   * @throws IllegalArgumentException with one line when a URL is not an http URL
   */
  HailoOptions options(Map<String, String> environment) {
    HailoOptions options = HailoOptions.fromEnvironment(environment);
    return url == null ? options : options.withUrl(HailoOptions.parseUrl(url, "--hailo-url"));
  }
}
