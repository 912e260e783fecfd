package dev.pith.app.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Turns a {@code --model DIR|ID} value into a model folder. */
final class ModelLocator {
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
    String inModels = dataDir.modelsDir() + File.separator + value;
    for (String candidate : new String[] {asGiven, inModels}) {
      if (isDirectory(candidate)) {
        return Path.of(candidate).normalize();
      }
    }
    throw new CliException("model '" + value + "' not found: no folder " + asGiven + " and no folder " + inModels);
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
