package dev.pith.app.cli;

import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a {@code --model DIR|ID} value into a model folder. An id names an installed model under
 * {@code <data-dir>/models}: a folder there that is incomplete (a manifest whose files are not all there, a folder
 * that is not a model) is refused, and the staging area of downloads ({@code .partial}) is never looked in.
 */
public final class ModelLocator {
  private ModelLocator() {}

  /**
   * Returns {@code value} when it names an existing folder, else {@code <data-dir>/models/<value>} when that
   * exists.
   *
   * @throws CliException naming both places looked at when neither exists
   */
  static Path locate(String value, DataDir dataDir) {
    if (value.isBlank()) {
      throw new CliException("--model needs a model folder or id, got an empty value");
    }
    String asGiven = absolute(value);
    if (isDirectory(asGiven)) {
      return Path.of(asGiven);
    }
    if (looksLikePath(value)) {
      throw new CliException("model folder " + asGiven + " does not exist");
    }
    String inModels = dataDir.modelsDir() + File.separator + value;
    if (isDirectory(inModels)) {
      try {
        return ModelStore.local(dataDir.modelsDir()).require(value).dir();
      } catch (ModelException e) {
        throw new CliException(e.getMessage(), e); // an unfinished or damaged folder is never loaded
      }
    }
    throw new CliException("model '" + value + "' not found: no folder " + asGiven + " and no folder " + inModels);
  }

  /** The only installed model under {@code <data-dir>/models}, if there is exactly one. */
  public static Optional<Path> single(DataDir dataDir) {
    List<Path> models = ModelFolders.list(dataDir.modelsDir());
    return models.size() == 1 ? Optional.of(models.get(0)) : Optional.empty();
  }

  /**
   * The model the window opens when none is named: the default chosen in Settings → Models when it is still
   * installed, else the only installed model.
   */
  public static Optional<Path> preferred(DataDir dataDir, Optional<String> defaultId) {
    Optional<Path> chosen = defaultId.filter(ModelStore::isValidId)
        .flatMap(id -> ModelStore.local(dataDir.modelsDir()).find(id)).map(InstalledModel::dir);
    return chosen.isPresent() ? chosen : single(dataDir);
  }

  /**
   * The model to use when none is named: the only installed model under {@code <data-dir>/models}.
   *
   * @throws CliException saying what to pass when there is no model folder there, or more than one
   */
  static Path only(DataDir dataDir) {
    List<Path> models = ModelFolders.list(dataDir.modelsDir());
    if (models.size() == 1) {
      return models.get(0);
    }
    if (models.isEmpty()) {
      throw new CliException("no model given and none in " + dataDir.modelsDir() + "; pass --model DIR|ID");
    }
    String ids = models.stream().map(dir -> dir.getFileName().toString()).collect(Collectors.joining(", "));
    throw new CliException("no model given and " + models.size() + " in " + dataDir.modelsDir() + " (" + ids
        + "); pass --model ID to choose one");
  }

  /** A value with a path separator (or starting with a dot or tilde) is a folder, not a model id. */
  private static boolean looksLikePath(String value) {
    return value.contains("/") || value.contains(File.separator) || value.startsWith(".") || value.startsWith("~");
  }

  private static String absolute(String value) {
    try {
      return Path.of(value).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException e) {
      return value;
    }
  }

  private static boolean isDirectory(String candidate) {
    try {
      return Files.isDirectory(Path.of(candidate));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
