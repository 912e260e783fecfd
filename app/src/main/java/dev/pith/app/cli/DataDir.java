package dev.pith.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where Pith keeps its data, and why there. Resolution order: {@code --data-dir}, then {@code PITH_HOME},
 * then {@code $XDG_DATA_HOME/pith} (when absolute, as the XDG spec requires), then
 * {@code ~/.local/share/pith}.
 *
 * @param path the absolute, normalized folder (it may not exist yet)
 * @param source what chose it: {@code --data-dir}, {@code PITH_HOME}, {@code XDG_DATA_HOME} or {@code default}
 */
public record DataDir(Path path, String source) {

  public DataDir {
    path = path.toAbsolutePath().normalize();
    Objects.requireNonNull(source, "source");
  }

  /** Resolves the data folder; {@code option} is the {@code --data-dir} value or null when not given. */
  public static DataDir resolve(Path option, Map<String, String> environment, Path userHome) {
    if (option != null) {
      return new DataDir(option, "--data-dir");
    }
    String pithHome = environment.get("PITH_HOME");
    if (pithHome != null && !pithHome.isBlank()) {
      return new DataDir(Path.of(pithHome), "PITH_HOME");
    }
    String xdg = environment.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return new DataDir(Path.of(xdg, "pith"), "XDG_DATA_HOME");
    }
    return new DataDir(userHome.resolve(".local/share/pith"), "default");
  }

  /** The folder that holds one sub-folder per model id. */
  public Path modelsDir() {
    return path.resolve("models");
  }
}
